#!/usr/bin/env python3
"""Disassemble the C2-compiled methods in a HotSpot -XX:+PrintAssembly log.

Without the hsdis plugin (not packaged for JDK 17 on Debian: libhsdis0-fcml lacks the
decode_instructions_virtual entry point JDK 17 needs) HotSpot prints machine code as hex words.
This turns each C2 nmethod whose header contains PATTERN back into bytes and runs objdump on it.

  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \
       -XX:CompileCommand=print,*VectorLutKernel::spanSums ... > log.txt
  python3 bench/tools/c2disasm.py log.txt 'spanSums (' > spanSums.s
"""
import re, sys, subprocess, tempfile
log, pat = sys.argv[1], sys.argv[2]
lines = open(log, errors='replace').read().split('\n')
i = 0
while i < len(lines):
    if lines[i].startswith('Compiled method (c2)') and pat in lines[i]:
        hdr = lines[i]; i += 1
        while i < len(lines) and '[MachCode]' not in lines[i]: i += 1
        start = None; data = bytearray()
        while i < len(lines) and not lines[i].startswith('[Stub Code]') and not lines[i].startswith('----') and 'Compiled method' not in lines[i]:
            m = re.match(r'\s*0x([0-9a-f]+): ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$', lines[i])
            if m and not lines[i].strip().endswith(';'):
                a = int(m.group(1), 16)
                if start is None: start = a
                hexs = m.group(2).replace('|', '').split()
                if a == start + len(data):
                    data += bytes.fromhex(''.join(hexs))
            i += 1
        with tempfile.NamedTemporaryFile(suffix='.bin', delete=False) as f:
            f.write(data)
        print('###', hdr)
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-Mintel', '--adjust-vma=' + hex(start), f.name], capture_output=True, text=True).stdout
        print(out)
    else:
        i += 1
