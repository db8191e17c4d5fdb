package dev.bitline.dram.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fully resolved DRAM standard/part: organization, clock, every timing parameter as an integer
 * cycle count, the timing table with each distance evaluated, rolling windows and IDD currents.
 * Immutable; built once by {@link #resolve} (the YAML loader calls it) and shared by the timing
 * engine, the controller, the checker and the energy model.
 *
 * <p>Expression names: every key of {@code timing} plus {@code BL} (organization.burstLength) and
 * {@code tBL} (= BL / transfersPerCycle, the data-bus cycles of one burst, unless timing defines it).
 */
public final class DramSpec {
    private final String name;
    private final Organization organization;
    private final Set<Command> commands;
    private final long tCKps;
    private final Map<String, Integer> params;
    private final List<Constraint> constraints;
    private final List<Window> windows;
    private final Power power;
    private final CommandBus commandBus;
    private final int[] commandCycles; // by ordinal, >= 1

    private DramSpec(String name, Organization organization, Set<Command> commands, long tCKps,
            Map<String, Integer> params, List<Constraint> constraints, List<Window> windows, Power power,
            CommandBus commandBus, int[] commandCycles) {
        this.name = name;
        this.organization = organization;
        this.commands = Collections.unmodifiableSet(EnumSet.copyOf(commands));
        this.tCKps = tCKps;
        this.params = Collections.unmodifiableMap(params);
        this.constraints = List.copyOf(constraints);
        this.windows = List.copyOf(windows);
        this.power = power;
        this.commandBus = commandBus;
        this.commandCycles = commandCycles;
    }

    /**
     * Resolves a standard: evaluates every timing parameter (they may refer to each other), then
     * every table row and window.
     *
     * @param timing parameter name -> number or expression (cycles)
     * @throws IllegalArgumentException naming the parameter/row that is wrong
     */
    public static DramSpec resolve(String name, Organization org, List<Command> commands, long tCKps,
            Map<String, String> timing, List<TimingRule> table, List<WindowRule> windowRules, Power power) {
        return resolve(name, org, commands, tCKps, timing, table, windowRules, power, CommandBus.SINGLE, Map.of());
    }

    /**
     * As above, with the standard's command-bus structure and the commands that hold the command
     * bus for more than one cycle ({@code commandCycles}, 1 to 8; absent = 1).
     */
    public static DramSpec resolve(String name, Organization org, List<Command> commands, long tCKps,
            Map<String, String> timing, List<TimingRule> table, List<WindowRule> windowRules, Power power,
            CommandBus commandBus, Map<Command, Integer> commandCycles) {
        if (commandBus == null) throw new IllegalArgumentException("commandBus is required");
        int[] busCycles = new int[Command.COUNT];
        java.util.Arrays.fill(busCycles, 1);
        if (commandCycles != null) {
            for (Map.Entry<Command, Integer> e : commandCycles.entrySet()) {
                int v = e.getValue() == null ? 0 : e.getValue();
                if (v < 1 || v > 8) {
                    throw new IllegalArgumentException("commandCycles." + e.getKey() + " = " + v + " (expected 1..8)");
                }
                if (commands != null && !commands.contains(e.getKey())) {
                    throw new IllegalArgumentException("commandCycles." + e.getKey()
                            + ": command is not in this standard's commands " + commands);
                }
                busCycles[e.getKey().ordinal()] = v;
            }
        }
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (org == null) throw new IllegalArgumentException("organization is required");
        if (commands == null || commands.isEmpty()) throw new IllegalArgumentException("commands must be listed");
        if (tCKps <= 0) throw new IllegalArgumentException("tCK must be > 0");
        if (power == null) throw new IllegalArgumentException("power is required");
        EnumSet<Command> cmdSet = EnumSet.copyOf(commands);

        // Parameters: evaluate lazily with cycle detection so they may reference each other.
        Map<String, String> src = new LinkedHashMap<>(timing == null ? Map.of() : timing);
        if (src.containsKey("BL")) {
            throw new IllegalArgumentException("timing.BL: BL comes from organization.burstLength");
        }
        Map<String, Long> values = new HashMap<>();
        values.put("BL", (long) org.burstLength());
        if (!src.containsKey("tBL")) {
            values.put("tBL", (long) Math.max(1, org.burstLength() / org.transfersPerCycle()));
        }
        Set<String> inProgress = new java.util.HashSet<>();
        Map<String, Integer> params = new LinkedHashMap<>();
        for (String key : src.keySet()) {
            long v = evalParam(key, src, values, inProgress);
            params.put(key, toInt("timing." + key, v));
        }
        params.putIfAbsent("BL", org.burstLength());
        params.putIfAbsent("tBL", (int) (long) values.get("tBL"));

        List<Constraint> constraints = new ArrayList<>();
        int row = 0;
        for (TimingRule r : table == null ? List.<TimingRule>of() : table) {
            String where = "constraints[" + row++ + "] (" + r.prev() + " -> " + r.next() + ")";
            long d;
            try {
                d = Expr.eval(r.min(), values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            // a negative distance (e.g. CWL+tBL+tRTRS-CL when CL is large) simply never constrains
            if (d < -(Integer.MAX_VALUE / 4) || d > Integer.MAX_VALUE / 4) toInt(where, d);
            int cycles = (int) d;
            for (Command p : r.prev()) {
                requireCommand(where, cmdSet, p);
                for (Command n : r.next()) {
                    requireCommand(where, cmdSet, n);
                    constraints.add(new Constraint(p, n, r.scope(), cycles, r.min()));
                }
            }
        }
        List<Window> windows = new ArrayList<>();
        row = 0;
        for (WindowRule w : windowRules == null ? List.<WindowRule>of() : windowRules) {
            String where = "windows[" + row++ + "]";
            long d;
            try {
                d = Expr.eval(w.window(), values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            for (Command c : w.commands()) requireCommand(where, cmdSet, c);
            windows.add(new Window(EnumSet.copyOf(w.commands()), w.scope(), w.count(), toInt(where, d), w.window()));
        }
        for (Command c : List.of(Command.ACT, Command.PRE, Command.RD, Command.WR)) {
            if (!cmdSet.contains(c)) throw new IllegalArgumentException("commands must include " + c);
        }
        DramSpec spec = new DramSpec(name, org, cmdSet, tCKps, params, constraints, windows, power, commandBus,
                busCycles);
        for (String p : List.of("CL", "CWL", "tREFI", "tRFC")) spec.param(p);
        return spec;
    }

    private static void requireCommand(String where, Set<Command> set, Command c) {
        if (!set.contains(c)) {
            throw new IllegalArgumentException(where + ": command " + c + " is not in this standard's commands " + set);
        }
    }

    private static int toInt(String where, long v) {
        if (v < 0 || v > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(where + ": value " + v + " out of range (expected 0.."
                    + Integer.MAX_VALUE / 4 + " cycles)");
        }
        return (int) v;
    }

    private static long evalParam(String key, Map<String, String> src, Map<String, Long> values,
            Set<String> inProgress) {
        Long done = values.get(key);
        if (done != null) return done;
        String expr = src.get(key);
        if (expr == null) throw new IllegalArgumentException("unknown timing parameter '" + key + "'");
        if (!inProgress.add(key)) throw new IllegalArgumentException("timing." + key + ": circular definition");
        long v;
        try {
            v = Expr.eval(expr, name -> evalParam(name, src, values, inProgress));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("timing.") ? m : "timing." + key + ": " + m, e);
        }
        inProgress.remove(key);
        values.put(key, v);
        return v;
    }

    public String name() {
        return name;
    }

    /** Single command bus, or separate row and column buses (HBM). */
    public CommandBus commandBus() {
        return commandBus;
    }

    /** Cycles command {@code c} holds its command bus (1 for most; 2 for DDR5's ACT, RD, WR). */
    public int commandCycles(Command c) {
        return commandCycles[c.ordinal()];
    }

    public Organization organization() {
        return organization;
    }

    /** The commands this standard supports. */
    public Set<Command> commands() {
        return commands;
    }

    public boolean supports(Command c) {
        return commands.contains(c);
    }

    /** Clock period of the command clock in picoseconds. */
    public long tCKps() {
        return tCKps;
    }

    /** Every timing parameter in cycles (including BL and tBL). */
    public Map<String, Integer> params() {
        return params;
    }

    /** A timing parameter in cycles. */
    public int param(String name) {
        Integer v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("standard " + this.name + " has no timing parameter '" + name + "'");
        }
        return v;
    }

    /** A timing parameter in cycles, or {@code fallback} if the standard does not define it. */
    public int paramOr(String name, int fallback) {
        Integer v = params.get(name);
        return v == null ? fallback : v;
    }

    public boolean hasParam(String name) {
        return params.containsKey(name);
    }

    /** The timing table, one entry per (prev, next) pair, distances in cycles. */
    public List<Constraint> constraints() {
        return constraints;
    }

    public List<Window> windows() {
        return windows;
    }

    public Power power() {
        return power;
    }

    /** Read latency in cycles from RD to first data beat. */
    public int readLatency() {
        return param("CL");
    }

    /** Write latency in cycles from WR to first data beat. */
    public int writeLatency() {
        return param("CWL");
    }

    /** Data-bus cycles occupied by one burst. */
    public int burstCycles() {
        return param("tBL");
    }

    /** Peak data bandwidth of the whole system in bytes per second. */
    public double peakBandwidthBytesPerSecond() {
        Organization o = organization;
        double transfersPerSecond = o.transfersPerCycle() * 1e12 / tCKps;
        return (double) o.channels() * o.pseudoChannels() * (o.busWidth() / 8.0) * transfersPerSecond;
    }

    /** Data rate in mega-transfers per second per pin. */
    public double dataRateMTs() {
        return organization.transfersPerCycle() * 1e6 / tCKps;
    }

    @Override
    public String toString() {
        return "DramSpec[" + name + ", tCK=" + tCKps + "ps, " + organization + "]";
    }
}
