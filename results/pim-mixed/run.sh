#!/bin/sh
# Regenerates results/pim-mixed/mixed.csv: blocked vs dual-row-buffer mixed traffic (bitline pim mixed),
# per preset and host load. Run from the repository root after `mvn -B -o -q -DskipTests package`.
set -e
out=results/pim-mixed/mixed.csv
echo "preset,size,mode,gap,requests,phase_cycles,phase_util_pct,host_mean_ns,host_in_phase_ns,host_max_ns,sent_in_phase,host_cmds_in_phase,violations" > "$out.tmp"
for preset in aim-gddr6 hbm-pim pim-gpt; do
  size="--rows 1024 --cols 1024"
  [ $preset = pim-gpt ] && size="--rows 4096 --cols 4096"   # 16 channels: a phase of ~16k cycles
  for gap in 4 16 64; do
    for mode in blocked dual-row-buffer; do
      ./bitline pim mixed --config configs/pim/$preset.yaml $size --requests 3000 --gap $gap \
          --pim-at 1000 --mode $mode --check > /tmp/pim-mixed.$$ || { cat /tmp/pim-mixed.$$; exit 1; }
      awk -v s="$size" -v p=$preset -v m=$mode -v g=$gap '
        /^  host: /          { gsub(",", ""); mean=$9; max=$12 }
        /^  host in phase: / { gsub(",", ""); sent=$4; inph=$12 }
        /^  PIM phase: /     { gsub(",", ""); gsub("[(]", ""); cyc=$7; util=$14; sub("%", "", util) }
        /^  host commands/   { cmds=$6 }
        /^  checker: /       { viol=$2 }
        END { printf "%s,%s,%s,%s,3000,%s,%s,%s,%s,%s,%s,%s,%s\n", p, s, m, g, cyc, util, mean, inph, max, sent, cmds, viol }
      ' /tmp/pim-mixed.$$ >> "$out.tmp"
    done
  done
done
rm -f /tmp/pim-mixed.$$
mv "$out.tmp" "$out"
column -s, -t "$out"
