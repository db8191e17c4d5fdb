package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.bitline.sim.config.TestConfigs.Small;
import dev.bitline.sim.config.TestConfigs.Sys;
import dev.bitline.sim.units.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The loader's contract on hostile input: every outcome is a bound config or one
 * {@link ConfigException} with a one-line located message; no other exception escapes.
 */
class ConfigFuzzTest {

    private static final Path DIR = Path.of("src/test/resources/config");
    private static final ConfigLoader LOADER = new ConfigLoader(DIR.resolve("configs"));
    private static Path tmp;
    private static String validText;
    private static String extendingText;

    @BeforeContainer
    static void setUp() throws IOException {
        tmp = Files.createTempDirectory("bitline-config-fuzz");
        validText = Files.readString(DIR.resolve("valid.yaml"));
        // child.yaml, but extending a preset from the configs root so it resolves from tmp
        extendingText = Files.readString(DIR.resolve("local/child.yaml")).replace("extends: sibling", "extends: system");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(tmp)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------ contract

    private static <T extends Record> void assertContract(byte[] content, Class<T> type, List<String> overrides) {
        Path f = tmp.resolve("in.yaml");
        try {
            Files.write(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            T value = LOADER.load(f, type, overrides);
            assertNotNull(value);
            Statistics.collect("valid");
        } catch (ConfigException e) {
            ConfigTesting.assertWellFormed(e);
            Statistics.collect("error");
        }
    }

    /** Both outcomes must occur, or the generator has drifted into testing only one path. */
    private static void requireBothOutcomes() {
        Statistics.coverage(c -> {
            c.check("valid").count(n -> n > 0);
            c.check("error").count(n -> n > 0);
        });
    }

    // ------------------------------------------------------------------ (1) arbitrary input

    @Property(tries = 200, seed = "20261125")
    void arbitraryTextIsAConfigOrAnError(@ForAll("yamlish") String text) {
        assertContract(text.getBytes(StandardCharsets.UTF_8), Small.class, List.of());
    }

    @Property(tries = 150, seed = "20261125")
    void arbitraryUnicodeIsAConfigOrAnError(@ForAll("anyText") String text) {
        assertContract(text.getBytes(StandardCharsets.UTF_8), Small.class, List.of());
    }

    @Property(tries = 150, seed = "20261125")
    void arbitraryBytesAreAConfigOrAnError(@ForAll("bytes") byte[] bytes) {
        assertContract(bytes, Small.class, List.of());
    }

    @Property(tries = 200, seed = "20261125")
    void smallConfigsFromFragments(@ForAll("smallDocs") String text) {
        assertContract(text.getBytes(StandardCharsets.UTF_8), Small.class, List.of());
        requireBothOutcomes();
    }

    // ------------------------------------------------------------------ (2) mutations

    @Property(tries = 150, seed = "20261125")
    void mutatedValidConfigIsAConfigOrAnError(@ForAll("seeds") long seed, @ForAll boolean extending) {
        String base = extending ? extendingText : validText;
        String mutated = ConfigTesting.mutate(base, new Random(seed));
        assertContract(mutated.getBytes(StandardCharsets.UTF_8), Sys.class, List.of());
        requireBothOutcomes();
    }

    @Property(tries = 150, seed = "20261125")
    void randomOverridesAreAConfigOrAnError(@ForAll("overrides") List<String> overrides) {
        assertContract(validText.getBytes(StandardCharsets.UTF_8), Sys.class, overrides);
        requireBothOutcomes();
    }

    /** Unmutated inputs really are valid, so the properties above are not vacuous. */
    @Property(tries = 1, seed = "20261125")
    void baselinesAreValid() {
        assertContractValid(validText);
        assertContractValid(extendingText);
    }

    private static void assertContractValid(String text) {
        Path f = tmp.resolve("base.yaml");
        try {
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertNotNull(LOADER.load(f, Sys.class, List.of()));
    }

    // ------------------------------------------------------------------ (3) dump round trip

    @Property(tries = 200, seed = "20261125")
    void boundValuesDumpAndRebindEqual(@ForAll("smalls") Small s) {
        String yaml = ConfigLoader.toYaml(s);
        ConfigNode back = YamlTreeReader.parse(yaml, "<dump>", 0);
        assertEquals(s, ConfigBinder.bind(back, Small.class), yaml);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings().withChars("abnt :-[]{},#&*!|>'\"%@`?~\t\n.0123456789\\").ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    }

    @Provide
    Arbitrary<String> smallDocs() {
        // Mostly-valid values for each key of Small, plus junk, so both outcomes occur.
        Arbitrary<String> junk = Arbitraries.of("101", "-1", "2147483648", "0x10", "1_0", "1.5", "abc", "0.5ps", "1.6GHz",
                "yes", "null", "", "[]", "[true, 1]", "{}", "{a: 1}", "\"q\"", "[", "]", "*x", "&y z", "!!str 1");
        Arbitrary<String> n = Arbitraries.oneOf(Arbitraries.integers().between(0, 100).map(String::valueOf), junk);
        Arbitrary<String> t = Arbitraries.oneOf(Arbitraries.of("14ns", "13.75ns", "0", "1s", "625ps"), junk);
        Arbitrary<String> str = Arbitraries.oneOf(Arbitraries.of("x", "'quoted'", "123", "true"), junk);
        Arbitrary<String> flags = Arbitraries.oneOf(Arbitraries.of("[]", "[true, false]", "[false]"), junk);
        Arbitrary<String> entry = Combinators.combine(
                Arbitraries.of("n", "t", "s", "flags", "N", "kind", "extends", "x"), Arbitraries.of("", "", "", "  ", "- "))
                .as((k, indent) -> indent + k);
        Arbitrary<List<String>> extra = Combinators.combine(entry, junk).as((k, v) -> k + ": " + v).list().ofMaxSize(2);
        return Combinators.combine(n, t, str, flags, Arbitraries.integers().between(0, 15), extra)
                .as((nv, tv, sv, fv, mask, ex) -> {
                    StringBuilder sb = new StringBuilder();
                    // mask bit i set: key i is left out (n and flags are required, t and s are not)
                    if ((mask & 1) == 0 || mask > 12) {
                        sb.append("n: ").append(nv).append('\n');
                    }
                    if ((mask & 2) == 0) {
                        sb.append("t: ").append(tv).append('\n');
                    }
                    if ((mask & 4) == 0) {
                        sb.append("s: ").append(sv).append('\n');
                    }
                    if ((mask & 8) == 0 || mask > 12) {
                        sb.append("flags: ").append(fv).append('\n');
                    }
                    ex.forEach(line -> sb.append(line).append('\n'));
                    return sb.toString();
                });
    }

    @Provide
    Arbitrary<List<String>> overrides() {
        Arbitrary<String> path = Arbitraries.of("name", "seed", "dram", "dram.channels", "dram.timing.tRCD",
                "dram.timing", "dram.banks", "dram.banks.0", "dram.banks.9", "dram.links.new", "dram.scheduler",
                "dram.scheduler.cap", "dram.scheduler.kind", "dram.chanels", "x.y.z", "", ".", "a..b", "name.x",
                "load", "extra", "extra.tags", "dram.pinRate", "extends");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("2", "0", "17", "foo", "14ns", "[1, 2]", "{kind: fcfs}", "fr-fcfs", "", "null", "[", "{a:",
                        "3.2Gbps", "0.5", "1.5", "-0.0", "1e309", "'x'", "\"y", "a: b", "- x", "*a", "system"),
                Arbitraries.strings().withChars("ab01:[]{}-,. '\"#").ofMaxLength(10));
        Arbitrary<String> one = Arbitraries.oneOf(
                Combinators.combine(path, value).as((p, v) -> p + "=" + v),
                Arbitraries.strings().withChars("ab.=:[] ").ofMaxLength(12));
        return one.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Small> smalls() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 100);
        Arbitrary<Optional<Duration>> t = Arbitraries.longs().greaterOrEqual(0).map(Duration::ofPs).optional();
        Arbitrary<String> s = Arbitraries.strings().ofMaxLength(12)
                .filter(x -> x.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !(c >= 0xd800 && c <= 0xdfff) && c < 0xfffe));
        Arbitrary<List<Boolean>> flags = Arbitraries.of(true, false).list().ofMaxSize(4);
        return Combinators.combine(n, t, s, flags).as(Small::new);
    }
}
