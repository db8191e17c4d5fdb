package dev.bitline.dram.energy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy of a run by component, in picojoules (mA x V x ns). {@code act} holds the ACT+PRE pair
 * (the row cycle), as DRAMsim3 reports it. {@code commands} holds, by command name, the energy of
 * commands priced by {@code power.commands} (a PIM MAC), which the other components do not count.
 */
public record EnergyBreakdown(double act, double read, double write, double refresh,
        double actStandby, double preStandby, double powerDown, double selfRefresh, long bits,
        long cycles, long tCkPs, Map<String, Double> commands) {

    public EnergyBreakdown {
        commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
    }

    /** Without priced commands. */
    public EnergyBreakdown(double act, double read, double write, double refresh, double actStandby,
            double preStandby, double powerDown, double selfRefresh, long bits, long cycles, long tCkPs) {
        this(act, read, write, refresh, actStandby, preStandby, powerDown, selfRefresh, bits, cycles, tCkPs, Map.of());
    }

    public double total() {
        double t = act + read + write + refresh + actStandby + preStandby + powerDown + selfRefresh;
        for (double v : commands.values()) t += v;
        return t;
    }

    /** Picojoules per bit moved over the data bus; NaN when nothing was moved. */
    public double perBitPj() {
        return bits == 0 ? Double.NaN : total() / bits;
    }

    /** Average power over the run, mW. */
    public double averagePowerMw() {
        double ns = cycles * (tCkPs / 1000.0);
        return ns == 0 ? 0 : total() / ns; // pJ / ns = mW
    }

    /**
     * The same breakdown in DRAMsim3's unit: it adds V x mA x <cycles> without multiplying by tCK and
     * labels the sum pJ, so its numbers are ours divided by tCK in ns (they agree only at 1 GHz).
     */
    public EnergyBreakdown inDramsim3Units() {
        double k = 1000.0 / tCkPs;
        Map<String, Double> c = new LinkedHashMap<>();
        commands.forEach((n, v) -> c.put(n, v * k));
        return new EnergyBreakdown(act * k, read * k, write * k, refresh * k, actStandby * k,
                preStandby * k, powerDown * k, selfRefresh * k, bits, cycles, tCkPs, c);
    }

    /** Components by name, in report order (pJ). */
    public Map<String, Double> components() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("act", act);
        m.put("read", read);
        m.put("write", write);
        m.put("refresh", refresh);
        m.put("actStandby", actStandby);
        m.put("preStandby", preStandby);
        m.put("powerDown", powerDown);
        m.put("selfRefresh", selfRefresh);
        m.putAll(commands);
        return m;
    }

    public EnergyBreakdown plus(EnergyBreakdown o) {
        Map<String, Double> c = new LinkedHashMap<>(commands);
        o.commands.forEach((n, v) -> c.merge(n, v, Double::sum));
        return new EnergyBreakdown(act + o.act, read + o.read, write + o.write, refresh + o.refresh,
                actStandby + o.actStandby, preStandby + o.preStandby, powerDown + o.powerDown,
                selfRefresh + o.selfRefresh, bits + o.bits, Math.max(cycles, o.cycles), tCkPs, c);
    }
}
