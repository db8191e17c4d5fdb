package dev.bitline.gpu.npy;

import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy {@code .npy} files, format versions 1.0 and 2.0 (the two that differ only in the
 * width of the header length field; 3.0 adds UTF-8 names Bitline never writes).
 *
 * <p>Layout: the magic {@code \x93NUMPY}, major and minor version bytes, the header length
 * (uint16 LE in 1.0, uint32 LE in 2.0), an ASCII Python dict literal
 * {@code {'descr': '<f2', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and
 * a final newline so that the data starts at a multiple of 64 bytes, then the raw elements.
 *
 * <p>Reading accepts only what the CUDA binary can consume: little-endian, C order, one of
 * the {@link NpyType}s, and exactly as many data bytes as the shape needs. Everything else is
 * an {@link InputException} naming the file and what was expected (the CLI exits 2).
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    private Npy() {}

    /** Encodes an array; version 1.0 unless the header needs more than 65535 bytes. */
    public static byte[] encode(NpyArray a) {
        StringBuilder shape = new StringBuilder("(");
        int[] s = a.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(i == 0 && s.length == 1 ? "," : (i + 1 < s.length ? ", " : ""));
        }
        shape.append(')');
        String dict = "{'descr': '" + a.type().descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int major = dict.length() + 1 + 10 > 0xFFFF ? 2 : 1;
        return encode(a, dict, major);
    }

    /** Encodes with an explicit version (tests write 2.0 files this way). */
    static byte[] encode(NpyArray a, String dict, int major) {
        int pre = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        int len = dict.length() + 1;
        int pad = (ALIGN - (pre + len) % ALIGN) % ALIGN;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(pre + h.length + a.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        b.put(h).put(a.data());
        return b.array();
    }

    public static void write(Path file, NpyArray a) {
        AtomicFiles.write(file, encode(a));
    }

    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        return decode(file.toString(), bytes);
    }

    /** Decodes the bytes of a file; {@code name} labels error messages. */
    public static NpyArray decode(String name, byte[] bytes) {
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InputException(name + ": not a .npy file (expected the magic \\x93NUMPY at offset 0)");
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        if ((major != 1 && major != 2) || minor != 0) {
            throw new InputException(name + ": .npy format version " + major + "." + minor
                    + " (expected 1.0 or 2.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        int pre = 8 + lenBytes;
        if (bytes.length < pre) {
            throw new InputException(name + ": truncated .npy header (file is " + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? (b.getShort(8) & 0xFFFF) : (b.getInt(8) & 0xFFFFFFFFL);
        if (pre + headerLen > bytes.length) {
            throw new InputException(name + ": truncated .npy header (header says " + headerLen
                    + " bytes, file has " + (bytes.length - pre) + " after the length field)");
        }
        String header = new String(bytes, pre, (int) headerLen, StandardCharsets.ISO_8859_1);
        Header h;
        try {
            h = Header.parse(header);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": .npy header: " + e.getMessage());
        }
        if (h.fortranOrder) {
            throw new InputException(name + ": Fortran-order array (expected C order; use np.ascontiguousarray)");
        }
        long n = 1;
        for (int d : h.shape) {
            n *= d;
        }
        long need = n * h.type.size();
        long have = bytes.length - pre - headerLen;
        if (have < need) {
            throw new InputException(name + ": truncated data: shape " + Arrays.toString(h.shape) + " of "
                    + h.type.descr() + " needs " + need + " bytes, file has " + have);
        }
        if (have > need) {
            throw new InputException(name + ": " + (have - need) + " bytes after the data of shape "
                    + Arrays.toString(h.shape) + " (expected exactly " + need + ")");
        }
        int start = (int) (pre + headerLen);
        return new NpyArray(h.type, h.shape, Arrays.copyOfRange(bytes, start, start + (int) need));
    }

    /** The header dict: a Python literal with exactly the keys descr, fortran_order, shape. */
    private record Header(NpyType type, boolean fortranOrder, int[] shape) {

        static Header parse(String s) {
            Lexer x = new Lexer(s);
            x.expect('{');
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            while (!x.peek('}')) {
                String key = x.string();
                x.expect(':');
                switch (key) {
                    case "descr":
                        String d = x.string();
                        try {
                            NpyType.parse(d);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(e.getMessage());
                        }
                        descr = d;
                        break;
                    case "fortran_order":
                        fortran = x.bool();
                        break;
                    case "shape":
                        shape = x.tuple();
                        break;
                    default:
                        throw new IllegalArgumentException("unknown key '" + key
                                + "' (expected descr, fortran_order, shape)");
                }
                if (!x.peek('}')) {
                    x.expect(',');
                }
            }
            x.expect('}');
            x.rest();
            if (descr == null || fortran == null || shape == null) {
                throw new IllegalArgumentException("missing key (expected descr, fortran_order and shape)");
            }
            return new Header(NpyType.parse(descr), fortran, shape);
        }
    }

    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (i + 1));
            }
            i++;
        }

        String string() {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw new IllegalArgumentException("expected a quoted string at column " + (i + 1));
            }
            char q = s.charAt(i++);
            int end = s.indexOf(q, i);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string at column " + i);
            }
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        boolean bool() {
            skip();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw new IllegalArgumentException("expected True or False at column " + (i + 1));
        }

        int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peek(')')) {
                skip();
                int j = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (j == i) {
                    throw new IllegalArgumentException("expected a non-negative dimension at column " + (j + 1));
                }
                long d = Long.parseLong(s.substring(j, Math.min(i, j + 12)));
                if (d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("dimension " + s.substring(j, i) + " too large");
                }
                dims.add((int) d);
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        void rest() {
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dict at column " + (i + 1));
            }
        }
    }
}
