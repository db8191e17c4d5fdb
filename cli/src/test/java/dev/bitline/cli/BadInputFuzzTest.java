package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandTraceReader;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz of bad inputs (jqwik, fixed seeds; each try's mutation is drawn from the seed jqwik
 * gives it): configs (DRAM, LUT, PIM), request traces, command traces and flag combinations,
 * each mutated so that it is wrong by construction. Every one must be rejected the contract's
 * way: exit 2 (an {@link InputException}, which the CLI prints as its one line), one line,
 * located ({@code file:line:col} for configs, {@code file:line} for traces, the flag's name for
 * flags), never a stack trace or another exception, and nothing written.
 *
 * <p>Bulk cases go through the exact calls the commands make ({@code validate}'s kind check,
 * the trace readers the runs use) so that 10^4 cases stay within seconds; every category also
 * sends a share of its cases through the whole CLI ({@link Bitline#run}), asserting the exit
 * code, the one stderr line and that no results folder was created.
 */
class BadInputFuzzTest {
    static final AtomicInteger CONFIGS = new AtomicInteger(), TRACES = new AtomicInteger(),
            COMMAND_TRACES = new AtomicInteger(), FLAGS = new AtomicInteger(), VIA_CLI = new AtomicInteger();

    private static final Path ROOT = Path.of("..", "configs").toAbsolutePath().normalize();
    private static Path tmp;
    private static List<String[]> bases; // {name, text} of self-contained configs
    private static String requestTrace;
    private static String commandTrace;
    private static DramSpec spec;
    private static final String DRAM = ROOT.resolve("dram/ddr4-3200.yaml").toString();

    @BeforeContainer
    static void setUp() throws IOException {
        tmp = Files.createTempDirectory("bitline-bad-input-fuzz");
        bases = new ArrayList<>();
        for (String rel : List.of("dram/ddr4-3200.yaml", "dram/hbm2-2gbps.yaml", "lut/lut-tensor-core.yaml",
                "pim/pim-gpt.yaml")) {
            Path f = ROOT.resolve(rel);
            ConfigNode tree = ConfigLoader.forFile(f).loadTree(f, List.of());
            bases.add(new String[] {rel.replace('/', '-'), ConfigLoader.toYaml(tree)}); // flattened: no extends
        }
        StringBuilder t = new StringBuilder("# a DRAMsim3 trace\n");
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 60; i++) {
            t.append(String.format("0x%x %s %d%n", r.nextLong(1L << 30) & ~63L, r.nextBoolean() ? "READ" : "WRITE", i * 4));
        }
        requestTrace = t.toString();
        Path cmds = tmp.resolve("base.cmds.txt");
        DramCommandTest.Result res = DramCommandTest.run("dram", "--config", DRAM, "--synthetic", "random:80",
                "--cmd-trace", cmds.toString(), "--out", tmp.resolve("base-run").toString());
        assertEquals(0, res.code(), res.err());
        commandTrace = Files.readString(cmds);
        spec = DramCheckCommand.standardOf(Path.of(DRAM), List.of());
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.printf("bad-input fuzz: %d cases (%d configs, %d request traces, %d command traces, %d flag"
                + " combinations), %d of them through the whole CLI; every one exit 2, one located line%n",
                CONFIGS.get() + TRACES.get() + COMMAND_TRACES.get() + FLAGS.get(), CONFIGS.get(), TRACES.get(),
                COMMAND_TRACES.get(), FLAGS.get(), VIA_CLI.get());
        try (var files = Files.walk(tmp)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    // ---- the contract ---------------------------------------------------------------------------

    private static void oneLine(String msg, String what) {
        assertTrue(msg != null && !msg.isBlank(), what + ": empty message");
        assertFalse(msg.strip().contains("\n") || msg.contains("\r"), what + ": more than one line: " + msg);
        assertFalse(msg.contains("\tat ") || msg.contains("Exception:"), what + ": stack trace or exception name: " + msg);
    }

    private static final Pattern CONFIG_LOC = Pattern.compile("^[^\\n]*:\\d+:\\d+: .*");
    private static final Pattern TRACE_LOC = Pattern.compile("^[^\\n]*:(\\d+): .*");

    /** Runs the whole CLI: exit 2, one stderr line matching {@code loc}, nothing at {@code out}. */
    private static void viaCli(List<String> args, Pattern loc, String mustContain, Path out) {
        DramCommandTest.Result r = DramCommandTest.run(args.toArray(String[]::new));
        VIA_CLI.incrementAndGet();
        String what = String.join(" ", args);
        assertEquals(2, r.code(), what + ": " + r.out() + r.err());
        oneLine(r.err(), what);
        String err = r.err().strip();
        if (loc != null) assertTrue(loc.matcher(err).matches(), what + ": not located: " + err);
        if (mustContain != null) assertTrue(err.contains(mustContain), what + ": does not name " + mustContain + ": " + err);
        if (out != null) assertFalse(Files.exists(out), what + ": wrote " + out);
    }

    // ---- mutations ------------------------------------------------------------------------------

    private static final String[] JUNK = {"abc", "1e999", ".nan", "-.inf", "0x", "12abc", "[1, 2]", "{a: 1}",
        "\"\\x01\\x02\"", "9".repeat(400), "--", "'", "\"unterminated", "1.2.3", "!!binary AAAA", "*alias"};

    /** A config text with one line broken: a numeric value made junk, an unknown key, or bad YAML. */
    private static String mutateConfig(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<Integer> numeric = new ArrayList<>(), keys = new ArrayList<>();
        Pattern kv = Pattern.compile("^(\\s*)([A-Za-z_][A-Za-z0-9_]*): (.+)$");
        for (int i = 0; i < lines.size(); i++) {
            var m = kv.matcher(lines.get(i));
            if (!m.matches()) continue;
            keys.add(i);
            if (m.group(3).matches("-?[0-9][0-9.eE+-]*[A-Za-z/]*") && !m.group(2).equals("name")) numeric.add(i);
        }
        int op = r.nextInt(3);
        if (op == 0 && !numeric.isEmpty()) {
            int i = numeric.get(r.nextInt(numeric.size()));
            var m = kv.matcher(lines.get(i));
            m.matches();
            lines.set(i, m.group(1) + m.group(2) + ": " + JUNK[r.nextInt(JUNK.length)]);
        } else if (op <= 1) {
            int i = keys.get(r.nextInt(keys.size()));
            var m = kv.matcher(lines.get(i));
            m.matches();
            lines.add(i, m.group(1) + "zz" + Long.toString(r.nextLong() & 0xffffffL, 36) + "Key: 1");
        } else {
            int i = keys.get(r.nextInt(keys.size()));
            String[] broken = {"  \t: :", "key: [1, 2", "key: {a: 1", "- - : ]", "\"key: 1", "key: 'x"};
            lines.add(i, broken[r.nextInt(broken.length)]);
        }
        return String.join("\n", lines);
    }

    private static String[] BAD_REQUESTS = {"0xZZ READ 5", "0x40 FETCH 5", "0x40 READ abc", "0x40 READ -5",
        "0x" + "f".repeat(40) + " READ 5", "READ", "0x40", "0x40 READ 5 extra words here", "\u0001\u0002\u0003\u00ff",
        "0xffffffffffff READ 5", "LD 0x40", "0x40 WRITE 99999999999999999999999"};

    private static final String[] BAD_COMMANDS = {"%d FOO ch=0 ra=0", "%d ACT ch=0 ra=0 bg=9 ba=0 row=1",
        "%d ACT ch=3 ra=0 bg=0 ba=0 row=1", "%d ACT ch=0 ra=0 bg=0 ba=0 row=99999999", "%d RD ch=0 ra=0 bg=0 ba=0 row=1 col=5000",
        "%d ACT ch=0 ra=4 bg=0 ba=0 row=1", "%d ACT ch=0 ra=0 bg=0 row=1", "%d ACT ch=0 ra=0 bg=0 ba=0",
        "%d RD ch=0 ra=0 bg=0 ba=0 row=1", "%d ACT ch=0 ra=0 bg=0 ba=0 row=1 zz=1", "%d ACT ch=0 ra=0 bg=0 ba=0 row",
        "%d REFsb ch=0 ra=0 ba=0", "-1 ACT ch=0 ra=0 bg=0 ba=0 row=1", "abc ACT ch=0", "99999999999999999999999 PRE ch=0",
        "%d ACT ch=0 ra=0 bg=x ba=0 row=1", "%d \u0001\u00fe ch=0", "%d", "%d PRE ch=0 ra=0 bg=-3 ba=0"};

    /** Inserts {@code line} after the header and the first request (which decides the format). */
    private static String insertLine(String text, String line, SplittableRandom r, int[] lineNo) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = 2 + r.nextInt(lines.size() - 2);
        lines.add(at, line);
        lineNo[0] = at + 1;
        return String.join("\n", lines);
    }

    /** The lines of {@code b} not in {@code a} (what the mutation did). */
    private static String diff(String a, String b) {
        java.util.Set<String> old = new java.util.HashSet<>(List.of(a.split("\n")));
        StringBuilder sb = new StringBuilder();
        for (String l : b.split("\n")) if (!old.contains(l)) sb.append('[').append(l).append("] ");
        return sb.toString();
    }

    // ---- properties -----------------------------------------------------------------------------

    @Property(tries = 1500, seed = "160001", shrinking = ShrinkingMode.OFF)
    void badConfigsAreOneLocatedLine(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] base = bases.get(r.nextInt(bases.size()));
        String text = mutateConfig(base[1], r);
        Path f = tmp.resolve("c-" + base[0]);
        Files.writeString(f, text);
        int n = CONFIGS.incrementAndGet();
        try {
            ConfigLoader loader = new ConfigLoader(ROOT);
            ConfigNode tree = loader.loadTree(f, List.of());
            ConfigKinds.Kind k = ConfigKinds.detect(f.toString(), tree);
            k.check().check(f, tree, loader);
            throw new AssertionError("accepted: " + diff(base[1], text));
        } catch (InputException e) {
            oneLine(e.getMessage(), text);
            assertTrue(CONFIG_LOC.matcher(e.getMessage()).matches(), "not located: " + e.getMessage() + "\n" + text);
        }
        if (n % 50 == 0) {
            viaCli(List.of("validate", f.toString()), null, null, null);
        }
    }

    @Property(tries = 3800, seed = "160002", shrinking = ShrinkingMode.OFF)
    void badRequestTracesNameTheLine(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int[] line = new int[1];
        String text = insertLine(requestTrace, BAD_REQUESTS[r.nextInt(BAD_REQUESTS.length)], r, line);
        int n = TRACES.incrementAndGet();
        String name = "t" + n + ".trace";
        try (TextTraceReader t = TextTraceReader.fromReader(new BufferedReader(new StringReader(text)), name, null,
                spec.organization().totalBytes())) {
            while (t.next()) {
                // read to the bad line
            }
            throw new AssertionError("accepted line " + line[0] + ":\n" + text);
        } catch (InputException e) {
            oneLine(e.getMessage(), text);
            assertTrue(e.getMessage().startsWith(name + ":" + line[0] + ": "), "line " + line[0] + ": " + e.getMessage());
        }
        if (n % 100 == 0) {
            Path f = tmp.resolve(name);
            Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
            Path out = tmp.resolve("out-" + n);
            viaCli(List.of("dram", "--config", DRAM, "--trace", f.toString(), "--out", out.toString()),
                    TRACE_LOC, f + ":" + line[0] + ": ", out);
        }
    }

    @Property(tries = 3800, seed = "160003", shrinking = ShrinkingMode.OFF)
    void badCommandTracesNameTheLine(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int[] line = new int[1];
        String bad = String.format(BAD_COMMANDS[r.nextInt(BAD_COMMANDS.length)], r.nextInt(1_000_000));
        String text = insertLine(commandTrace, bad, r, line);
        int n = COMMAND_TRACES.incrementAndGet();
        String name = "c" + n + ".txt";
        try {
            CommandTraceReader.stream(new BufferedReader(new StringReader(text)), name, spec, (rec, l) -> { });
            throw new AssertionError("accepted line " + line[0] + ": " + bad);
        } catch (IllegalArgumentException e) {
            oneLine(e.getMessage(), bad);
            assertTrue(e.getMessage().startsWith(name + ":" + line[0] + ": "), "line " + line[0] + ": " + e.getMessage());
        }
        if (n % 100 == 0) {
            Path f = tmp.resolve(name);
            Files.write(f, text.getBytes(StandardCharsets.UTF_8));
            viaCli(List.of("dram", "check", "--config", DRAM, f.toString()), TRACE_LOC, f + ":" + line[0] + ": ", null);
        }
    }

    /** Valid arguments of each command, then one bad flag. */
    private static final String[][] COMMANDS = {
        {"dram", "--config", DRAM, "--synthetic", "random:10"},
        {"dram", "check", "--config", DRAM, "x.txt"},
        {"lut", "gemm", "--config", ROOT.resolve("lut/lut-tensor-core.yaml").toString()},
        {"lut", "ppa", "--config", ROOT.resolve("lut/lut-tensor-core.yaml").toString()},
        {"pim", "gemv", "--config", ROOT.resolve("pim/pim-gpt.yaml").toString()},
        {"validate", DRAM},
        {"simulate", ROOT.resolve("pipeline-demo.yaml").toString()}};

    private static final String[][] BAD_FLAGS = {
        {"--m", "abc"}, {"--n", "10000000000"}, {"--k", "-"}, {"--rows", "1e3"}, {"--cols", "x"},
        {"--feed-width", "two"}, {"--show", "9999999999"}, {"--seed", "12x"}, {"--group-size", "1.5"},
        {"--format", "ramulator", "--format"}, {"--set"}, {"--out"}, {"--config"}, {"--no-such-flag"},
        {"--trace", "a.trace"}, {"--synthetic", "random:10", "--trace", "b.trace"}, {"--check=maybe"},
        {"--weights", "w99"}, {"--acts", "int3"}, {"--precision", "fp128"}, {"--synthetic", "random:0"},
        {"--synthetic", "random:-5"}, {"--synthetic", "nosuch:10"}, {"--synthetic", "random:10,rate=-1"},
        {"--synthetic", "random:10,read=2"}, {"--synthetic", "random:10,zz=1"}, {"--set", "noequals"},
        {"--set", "timing.tRDC=3"}, {"--set", "array.tiles=0"}, {"--feed-width", "0"}, {"--m", "0"}};

    @Property(tries = 900, seed = "160004", shrinking = ShrinkingMode.OFF)
    void badFlagCombinationsAreOneLineNamingTheFlag(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] cmd = COMMANDS[r.nextInt(COMMANDS.length)];
        String[] bad = BAD_FLAGS[r.nextInt(BAD_FLAGS.length)];
        List<String> args = new ArrayList<>(List.of(cmd));
        // the bad flag at a random position after the command name(s)
        int first = cmd[0].equals("validate") || cmd[0].equals("simulate") ? 1 : (cmd[1].startsWith("-") ? 1 : 2);
        int at = first + r.nextInt(args.size() - first + 1);
        if (bad.length == 1 && !bad[0].contains("=")) at = args.size(); // a missing value: at the end
        args.addAll(at, List.of(bad));
        Path out = tmp.resolve("flags-out-" + FLAGS.incrementAndGet());
        if (cmd[0].equals("dram") && !cmd[1].equals("check") && !List.of(bad).contains("--out")) {
            args.addAll(List.of("--out", out.toString()));
        }
        DramCommandTest.Result res = DramCommandTest.run(args.toArray(String[]::new));
        String what = String.join(" ", args);
        assertEquals(2, res.code(), what + ": " + res.err());
        oneLine(res.err(), what);
        assertFalse(Files.exists(out), what + ": wrote " + out);
    }
}
