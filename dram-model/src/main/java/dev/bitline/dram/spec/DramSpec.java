package dev.bitline.dram.spec;

import java.util.ArrayList;
import java.util.Collections;
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
 * A duration literal ({@code 13.75ns}, {@code 350ns}, {@code 7.8us}) in an expression is converted to
 * cycles by the JEDEC rounding rule ({@link Expr}).
 *
 * <p>The command vocabulary is data: the standard's {@code commands:} table gives each command its
 * meta flags, and its names are interned to ids 0..n-1 here, so hot paths index arrays by id.
 */
public final class DramSpec {
    private final String name;
    private final Organization organization;
    private final List<Command> commands;          // by id
    private final Map<String, Command> byName;
    private final CommandRoles roles;
    private final long tCKps;
    private final Map<String, Integer> params;
    private final List<Constraint> constraints;
    private final List<Window> windows;
    private final Power power;
    private final Map<String, Integer> commandPowerCycles;
    private final CommandBus commandBus;

    private DramSpec(String name, Organization organization, List<Command> commands, long tCKps,
            Map<String, Integer> params, List<Constraint> constraints, List<Window> windows, Power power,
            Map<String, Integer> commandPowerCycles, CommandBus commandBus) {
        this.name = name;
        this.organization = organization;
        this.commands = List.copyOf(commands);
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : commands) m.put(c.name(), c);
        this.byName = Collections.unmodifiableMap(m);
        this.roles = CommandRoles.of(this.commands);
        this.tCKps = tCKps;
        this.params = Collections.unmodifiableMap(params);
        this.constraints = List.copyOf(constraints);
        this.windows = List.copyOf(windows);
        this.power = power;
        this.commandPowerCycles = Collections.unmodifiableMap(commandPowerCycles);
        this.commandBus = commandBus;
    }

    /** As below, with one command bus. */
    public static DramSpec resolve(String name, Organization org, Map<String, CommandMeta> commands, long tCKps,
            Map<String, String> timing, List<TimingRule> table, List<WindowRule> windowRules, Power power) {
        return resolve(name, org, commands, tCKps, timing, table, windowRules, power, CommandBus.SINGLE);
    }

    /**
     * Resolves a standard: interns the command vocabulary (ids in table order), evaluates every
     * timing parameter (they may refer to each other; durations become cycles by the JEDEC
     * rounding rule), then every table row and window.
     *
     * @param commands name -> meta flags, in id order
     * @param timing parameter name -> number, duration or expression
     * @throws IllegalArgumentException naming the parameter/row that is wrong
     */
    public static DramSpec resolve(String name, Organization org, Map<String, CommandMeta> commands, long tCKps,
            Map<String, String> timing, List<TimingRule> table, List<WindowRule> windowRules, Power power,
            CommandBus commandBus) {
        if (commandBus == null) throw new IllegalArgumentException("commandBus is required");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (org == null) throw new IllegalArgumentException("organization is required");
        if (commands == null || commands.isEmpty()) throw new IllegalArgumentException("commands must be listed");
        if (tCKps <= 0) throw new IllegalArgumentException("tCK must be > 0");
        if (power == null) throw new IllegalArgumentException("power is required");
        List<Command> vocab = new ArrayList<>();
        Map<String, Command> cmdSet = new LinkedHashMap<>();
        for (Map.Entry<String, CommandMeta> e : commands.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("commands." + e.getKey() + ": meta flags expected");
            Command c;
            try {
                c = new Command(vocab.size(), e.getKey(), e.getValue());
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("commands." + e.getKey() + ": " + x.getMessage(), x);
            }
            if (c.target() == Target.BANK_PAIR && org.banksPerGroup() % 2 != 0) {
                throw new IllegalArgumentException("commands." + e.getKey() + ": target bank-pair needs an even"
                        + " number of banks per group, got " + org.banksPerGroup());
            }
            vocab.add(c);
            cmdSet.put(c.name(), c);
        }

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
            long v = evalParam(key, src, values, inProgress, tCKps);
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
                d = Expr.eval(r.min(), values, tCKps);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            // a negative distance (e.g. CWL+tBL+tRTRS-CL when CL is large) simply never constrains
            if (d < -(Integer.MAX_VALUE / 4) || d > Integer.MAX_VALUE / 4) toInt(where, d);
            int cycles = (int) d;
            for (String p : r.prev()) {
                Command pc = requireCommand(where, cmdSet, p);
                for (String n : r.next()) {
                    constraints.add(new Constraint(pc, requireCommand(where, cmdSet, n), r.scope(), cycles, r.min()));
                }
            }
        }
        List<Window> windows = new ArrayList<>();
        row = 0;
        for (WindowRule w : windowRules == null ? List.<WindowRule>of() : windowRules) {
            String where = "windows[" + row++ + "]";
            long d;
            try {
                d = Expr.eval(w.window(), values, tCKps);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            List<Command> members = new ArrayList<>();
            for (String c : w.commands()) members.add(requireCommand(where, cmdSet, c));
            windows.add(new Window(new java.util.LinkedHashSet<>(members), w.scope(), w.count(), toInt(where, d),
                    w.window()));
        }
        Map<String, Integer> powerCycles = new LinkedHashMap<>();
        for (Map.Entry<String, CommandPower> e : power.commands().entrySet()) {
            String where = "power.commands." + e.getKey();
            requireCommand(where, cmdSet, e.getKey());
            try {
                powerCycles.put(e.getKey(), toInt(where + ".cycles", Expr.eval(e.getValue().cycles(), values, tCKps)));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException(x.getMessage().startsWith(where) ? x.getMessage()
                        : where + ".cycles: " + x.getMessage(), x);
            }
        }
        Set<String> used = new java.util.HashSet<>();
        for (TimingRule r : table == null ? List.<TimingRule>of() : table) used.addAll(TimingRelations.names(r.min()));
        for (WindowRule w : windowRules == null ? List.<WindowRule>of() : windowRules) {
            used.addAll(TimingRelations.names(w.window()));
        }
        for (CommandPower cp : power.commands().values()) used.addAll(TimingRelations.names(cp.cycles()));
        TimingRelations.check(src, used, params);
        DramSpec spec = new DramSpec(name, org, vocab, tCKps, params, constraints, windows, power, powerCycles,
                commandBus);
        for (String p : List.of("CL", "CWL", "tREFI", "tRFC")) spec.param(p);
        return spec;
    }

    private static Command requireCommand(String where, Map<String, Command> set, String name) {
        Command c = set.get(name);
        if (c == null) {
            throw new IllegalArgumentException(where + ": command " + name + " is not in this standard's commands "
                    + set.keySet());
        }
        return c;
    }

    private static int toInt(String where, long v) {
        if (v < 0 || v > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(where + ": value " + v + " out of range (expected 0.."
                    + Integer.MAX_VALUE / 4 + " cycles)");
        }
        return (int) v;
    }

    private static long evalParam(String key, Map<String, String> src, Map<String, Long> values,
            Set<String> inProgress, long tCKps) {
        Long done = values.get(key);
        if (done != null) return done;
        String expr = src.get(key);
        if (expr == null) throw new IllegalArgumentException("unknown timing parameter '" + key + "'");
        if (!inProgress.add(key)) throw new IllegalArgumentException("timing." + key + ": circular definition");
        long v;
        try {
            v = Expr.eval(expr, name -> evalParam(name, src, values, inProgress, tCKps), tCKps);
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
        return c.cycles();
    }

    public Organization organization() {
        return organization;
    }

    /** The command vocabulary, by id (= position in the standard's {@code commands:} table). */
    public List<Command> commands() {
        return commands;
    }

    /** Number of commands; ids are 0 .. commandCount()-1. */
    public int commandCount() {
        return commands.size();
    }

    /** The command with interned id {@code id}. */
    public Command command(int id) {
        return commands.get(id);
    }

    /** The command named {@code name} (exact spelling). */
    public Command command(String name) {
        Command c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown DRAM command '" + name + "' (expected one of "
                    + byName.keySet() + ")");
        }
        return c;
    }

    /** The command named {@code name}, or null. */
    public Command commandOrNull(String name) {
        return byName.get(name);
    }

    /** Whether the vocabulary has a command of that name. */
    public boolean supports(String name) {
        return byName.containsKey(name);
    }

    /** Which commands serve requests, refresh and power-down (found by their flags). */
    public CommandRoles roles() {
        return roles;
    }

    /** Cycles of {@code power.commands.<name>.cycles}, evaluated at load (0 if not priced). */
    public int commandPowerCycles(String name) {
        return commandPowerCycles.getOrDefault(name, 0);
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
