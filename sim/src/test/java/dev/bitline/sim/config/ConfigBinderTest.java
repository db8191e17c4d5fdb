package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigBinderTest {

    record Nums(int i, long l, short s, byte b, double d, float f, boolean z, Integer boxed) {
    }

    record Text(String s) {
    }

    enum Mode { FR_FCFS, OPEN, tRCDish }

    record Modes(Mode m, Map<Mode, Integer> perMode) {
    }

    record Knobs(@Default("4") int depth, @Default("[a, b]") List<String> names, @Default("{}") Map<String, Long> extra,
                 Optional<DataSize> size) {
    }

    record Outer(String name, Knobs knobs) {
    }

    record Raw(ConfigNode anything) {
    }

    record Bounded(@Range(min = -1.5, max = 2.5) double x, @Range(min = 0) List<Integer> ys,
                   @Range(max = 10) Optional<Long> z) {
    }

    record Broken(Object what) {
    }

    static ConfigNode yaml(String text) {
        return YamlTreeReader.parse(text, "<t>", 0);
    }

    static <T> T bind(String text, Class<T> type) {
        return ConfigBinder.bind(yaml(text), type);
    }

    static String error(String text, Class<?> type) {
        return assertThrows(ConfigException.class, () -> bind(text, type)).getMessage();
    }

    @Test
    void numbersAndBooleans() {
        Nums n = bind("{i: -5, l: 0x10, s: 1_000, b: -128, d: 1e-3, f: 2.5, z: false, boxed: 7}", Nums.class);
        assertEquals(new Nums(-5, 16, (short) 1000, (byte) -128, 1e-3, 2.5f, false, 7), n);
        assertEquals(3.0, bind("{i: 0, l: 0, s: 0, b: 0, d: 3, f: 0, z: TRUE, boxed: 0}", Nums.class).d());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "i: 2147483648 | 1:4: value 2147483648 does not fit in int (expected an integer from -2147483648 to 2147483647)",
        "i: 1.5 | 1:4: expected an integer, got \"1.5\"",
        "i: abc | 1:4: expected an integer, got \"abc\"",
        "i: [1] | 1:4: expected an integer, got a list",
        "i: | 1:3: expected an integer, got null",
        "b: 128 | 1:4: value 128 does not fit in byte (expected an integer from -128 to 127)",
        "d: 1e999 | 1:4: value 1e999 is too large (expected a finite double)",
        "d: .nan | 1:4: expected a number, got \".nan\"",
        "f: 1e39 | 1:4: value 1e39 is too large (expected a finite float)",
        "z: yes | 1:4: expected true or false, got \"yes\"",
        "z: 1 | 1:4: expected true or false, got \"1\"",
    })
    void numberErrors(String field, String expected) {
        // the bad field comes first, so its error wins over the missing keys after it
        assertEquals("<t>:" + expected, error(field + "\nl: 0\n", Nums.class));
    }

    @Test
    void stringsAcceptAnyScalarButNotNull() {
        assertEquals("123", bind("s: 123", Text.class).s());
        assertEquals("yes", bind("s: yes", Text.class).s());
        assertEquals("", bind("s: ''", Text.class).s());
        assertEquals("<t>:1:4: expected a string, got a map", error("s: {a: 1}", Text.class));
        assertEquals("<t>:1:1: missing required key 's' (expected a string)", error("{}", Text.class));
    }

    @Test
    void enumsIgnoreCaseAndAcceptDashes() {
        Modes m = bind("m: fr-fcfs\nperMode: {open: 1, FR_FCFS: 2, trcdish: 3}", Modes.class);
        assertEquals(Mode.FR_FCFS, m.m());
        assertEquals(List.of(Mode.OPEN, Mode.FR_FCFS, Mode.tRCDish), List.copyOf(m.perMode().keySet()));
        assertEquals("<t>:1:4: unknown value \"closed\" (expected one of: fr-fcfs, open, trcdish)",
                error("m: closed\nperMode: {}", Modes.class));
        assertEquals("<t>:2:11: unknown value \"bad\" (expected one of: fr-fcfs, open, trcdish)",
                error("m: open\nperMode: {bad: 1}", Modes.class));
        assertEquals("<t>:2:20: duplicate key 'OPEN' (expected each of: fr-fcfs, open, trcdish once)",
                error("m: open\nperMode: {open: 1, OPEN: 2}", Modes.class));
    }

    @Test
    void defaultsOptionalsAndOmittedSections() {
        Outer o = bind("name: x", Outer.class);
        assertEquals(new Knobs(4, List.of("a", "b"), Map.of(), Optional.empty()), o.knobs(), "all-default section may be omitted");
        Knobs k = bind("depth: 9\nnames: []\nsize: 4KiB\nextra: {z: 1, a: 2}", Knobs.class);
        assertEquals(9, k.depth());
        assertEquals(List.of(), k.names());
        assertEquals(Optional.of(DataSize.ofKiB(4)), k.size());
        assertEquals(List.of("z", "a"), List.copyOf(k.extra().keySet()), "insertion order kept");
        assertEquals(Optional.empty(), bind("size: null", Knobs.class).size());
        assertEquals(4, bind("depth: ~", Knobs.class).depth(), "explicit null means default");
    }

    @Test
    void rangesCoverElementsAndOptionals() {
        assertEquals(new Bounded(2.5, List.of(0, 3), Optional.of(10L)), bind("{x: 2.5, ys: [0, 3], z: 10}", Bounded.class));
        assertEquals("<t>:1:5: value 2.6 is out of range (expected -1.5 <= x <= 2.5)", error("{x: 2.6, ys: []}", Bounded.class));
        assertEquals("<t>:1:19: value -1 is out of range (expected 0 <= ys)", error("{x: 0, ys: [1, 2, -1]}", Bounded.class));
        assertEquals("<t>:1:19: value 11 is out of range (expected z <= 10)", error("{x: 0, ys: [], z: 11}", Bounded.class));
    }

    @Test
    void rawNodesPassThrough() {
        ConfigNode n = yaml("anything: {a: [1, 2]}");
        assertSame(((ConfigNode.MapNode) n).get("anything"), ConfigBinder.bind(n, Raw.class).anything());
    }

    @Test
    void wrongShapes() {
        assertEquals("<t>:1:1: expected a map with keys name, knobs, got a list", error("[1]", Outer.class));
        assertEquals("<t>:1:8: expected a map with keys depth, names, extra, size, got \"x\"", error("knobs: x\nname: n", Outer.class));
        assertEquals("<t>:1:8: expected a list of values: a string, got \"a\"", error("names: a", Knobs.class));
        assertEquals("<t>:1:13: unknown key 'nmae' (did you mean 'name'? expected one of: name, knobs)",
                error("{knobs: {}, nmae: x}", Outer.class));
    }

    record Defaults(@Default("") String empty, @Default("7") Optional<Integer> seven) {
    }

    @Test
    void defaultsForEmptyStringsAndOptionals() {
        assertEquals(new Defaults("", Optional.of(7)), bind("{}", Defaults.class));
        assertEquals(new Defaults("x", Optional.of(1)), bind("{empty: x, seven: 1}", Defaults.class));
    }

    @Test
    void nearMissesGetSuggestions() {
        assertEquals("<t>:1:4: unknown value \"fr-fcf\" (did you mean 'fr-fcfs'? expected one of: fr-fcfs, open, trcdish)",
                error("m: fr-fcf\nperMode: {}", Modes.class));
        assertEquals("<t>:1:7: unknown kind \"fr-fcf\" (did you mean 'fr-fcfs'? expected one of: Fcfs, fr-fcfs)",
                assertThrows(ConfigException.class,
                        () -> ConfigBinder.bind(yaml("kind: fr-fcf"), TestConfigs.Scheduler.class)).getMessage());
    }

    record Pair(int lo, int hi, List<Integer> xs) {
        Pair {
            if (hi < lo) {
                throw new BadValueException("hi", "hi (" + hi + ") must be at least lo (" + lo + ")");
            }
            if (xs.contains(0)) {
                throw new BadValueException("xs[" + xs.indexOf(0) + "]", "xs must not contain 0");
            }
            if (xs.size() > 3) {
                throw new BadValueException("xs[9]", "at most 3 xs");
            }
        }
    }

    @Test
    void badValueExceptionPointsAtTheKey() {
        assertEquals("<t>:2:5: hi (1) must be at least lo (5)", error("lo: 5\nhi: 1\nxs: []", Pair.class));
        assertEquals("<t>:3:9: xs must not contain 0", error("lo: 1\nhi: 1\nxs: [3, 0]", Pair.class));
        assertEquals("<t>:3:5: at most 3 xs", error("lo: 1\nhi: 1\nxs: [1, 2, 3, 4]", Pair.class));
    }

    @Test
    void findAndLocationOfWalkPaths() {
        ConfigNode n = yaml("a:\n  b: [x, {c: 1}]\n");
        assertEquals("1", ((ConfigNode.Scalar) n.find("a.b[1].c").orElseThrow()).text());
        assertEquals("x", ((ConfigNode.Scalar) n.find("a.b.0").orElseThrow()).text());
        assertTrue(n.find("a.z").isEmpty());
        assertEquals(new ConfigNode.Location("<t>", 2, 6), n.locationOf("a.b.7"));
    }

    @Test
    void sharedTestHelpersWork() {
        assertEquals(new Text("a"), ConfigTesting.bindYaml("s: a", Text.class));
        ConfigTesting.assertConfigError("s: [a]", Text.class, "1:4: expected a string, got a list");
        ConfigTesting.assertLoadsOrFailsCleanly(() -> ConfigTesting.bindYaml("s: [", Text.class));
        assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> ConfigTesting.assertLoadsOrFailsCleanly(() -> { throw new IllegalStateException("boom"); }));
    }

    @Test
    void suggestionsOnlyWhenClose() {
        assertTrue(error("{zzzzzz: 1}", Text.class).endsWith("unknown key 'zzzzzz' (expected one of: s)"));
        assertTrue(error("{S: 1}", Text.class).contains("did you mean 's'?"));
    }

    record RangeOnUnit(@Range(min = 1) Duration t) {
    }

    @Test
    void unsupportedTypesAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> bind("what: 1", Broken.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bind("t: 1ns", RangeOnUnit.class));
        assertTrue(e.getMessage().startsWith("@Range on RangeOnUnit.t needs a numeric type"), e.getMessage());
    }

    @Test
    void sealedKinds() {
        assertEquals(new TestConfigs.FrFcfs(16), ConfigBinder.bind(yaml("kind: FR_FCFS"), TestConfigs.Scheduler.class));
        assertEquals(new TestConfigs.Fcfs(), ConfigBinder.bind(yaml("fcfs"), TestConfigs.Scheduler.class));
        assertEquals("<t>:1:1: missing required key 'kind' (expected one of: Fcfs, fr-fcfs)",
                assertThrows(ConfigException.class, () -> ConfigBinder.bind(yaml("cap: 3"), TestConfigs.Scheduler.class)).getMessage());
        assertEquals("<t>:1:14: unknown key 'cap' (expected no keys)",
                assertThrows(ConfigException.class, () -> ConfigBinder.bind(yaml("{kind: fcfs, cap: 3}"), TestConfigs.Scheduler.class))
                        .getMessage());
        // a sealed member bound directly accepts its own kind (as toYaml writes it)
        assertEquals(new TestConfigs.FrFcfs(3), bind("{kind: fr-fcfs, cap: 3}", TestConfigs.FrFcfs.class));
    }

    @Test
    void unitErrorsKeepTheirExpectation() {
        record T(Duration t) {
        }
        assertEquals("<t>:1:4: \"13.7501ns\" is not a whole number of picoseconds (expected a duration like \"14ns\"; "
                + "units: ps, ns, us, ms, s)", error("t: 13.7501ns", T.class));
        assertEquals("<t>:1:4: expected a duration like \"14ns\", got a list", error("t: [1ns]", T.class));
        assertEquals(Duration.ZERO, bind("t: 0", T.class).t());
    }
}
