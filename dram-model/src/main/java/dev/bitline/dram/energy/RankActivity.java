package dev.bitline.dram.energy;

/**
 * What a rank did during a run: command counts and how many cycles it spent in each background
 * state. The four state counts partition the run (plus self-refresh), so they sum to its length.
 *
 * @param acts ACT commands
 * @param pres banks closed by a precharge (PRE, each bank of a PREA, auto-precharge)
 * @param reads RD and RDA
 * @param writes WR and WRA
 * @param refreshes all-bank refreshes
 * @param bankRefreshes per-bank / same-bank refreshes
 * @param actStandbyCycles cycles with at least one bank open, not powered down
 * @param preStandbyCycles cycles with all banks closed, not powered down
 * @param actPowerDownCycles powered down with a bank open
 * @param prePowerDownCycles powered down with all banks closed
 * @param selfRefreshCycles in self-refresh
 * @param priced commands priced by {@code power.commands} (counted here by name instead of in the
 *     counts above)
 */
public record RankActivity(long acts, long pres, long reads, long writes, long refreshes,
        long bankRefreshes, long actStandbyCycles, long preStandbyCycles, long actPowerDownCycles,
        long prePowerDownCycles, long selfRefreshCycles, java.util.Map<String, Long> priced) {

    public RankActivity {
        priced = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(priced));
    }

    /** Without priced commands. */
    public RankActivity(long acts, long pres, long reads, long writes, long refreshes, long bankRefreshes,
            long actStandbyCycles, long preStandbyCycles, long actPowerDownCycles, long prePowerDownCycles,
            long selfRefreshCycles) {
        this(acts, pres, reads, writes, refreshes, bankRefreshes, actStandbyCycles, preStandbyCycles,
                actPowerDownCycles, prePowerDownCycles, selfRefreshCycles, java.util.Map.of());
    }

    public long totalCycles() {
        return actStandbyCycles + preStandbyCycles + actPowerDownCycles + prePowerDownCycles
                + selfRefreshCycles;
    }

    public RankActivity plus(RankActivity o) {
        return new RankActivity(acts + o.acts, pres + o.pres, reads + o.reads, writes + o.writes,
                refreshes + o.refreshes, bankRefreshes + o.bankRefreshes,
                actStandbyCycles + o.actStandbyCycles, preStandbyCycles + o.preStandbyCycles,
                actPowerDownCycles + o.actPowerDownCycles, prePowerDownCycles + o.prePowerDownCycles,
                selfRefreshCycles + o.selfRefreshCycles, sum(priced, o.priced));
    }

    private static java.util.Map<String, Long> sum(java.util.Map<String, Long> a, java.util.Map<String, Long> b) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }
}
