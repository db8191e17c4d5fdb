package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.TestConfigs.Dram;
import dev.bitline.sim.config.TestConfigs.FrFcfs;
import dev.bitline.sim.config.TestConfigs.Fcfs;
import dev.bitline.sim.config.TestConfigs.PagePolicy;
import dev.bitline.sim.config.TestConfigs.Sys;
import dev.bitline.sim.units.Bandwidth;
import dev.bitline.sim.units.BitRate;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import dev.bitline.sim.units.Frequency;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    static final Path DIR = Path.of("src/test/resources/config");
    static final ConfigLoader LOADER = new ConfigLoader(DIR.resolve("configs"));

    static Sys load(String file, String... overrides) {
        return LOADER.load(DIR.resolve(file), Sys.class, List.of(overrides));
    }

    static ConfigException error(String file, String... overrides) {
        return assertThrows(ConfigException.class, () -> load(file, overrides));
    }

    @Test
    void bindsEveryKindOfValue() {
        Sys s = load("valid.yaml");
        assertEquals("test-system", s.name());
        assertEquals(42L, s.seed());
        assertEquals(1.0, s.load());
        assertEquals(Optional.empty(), s.extra());
        Dram d = s.dram();
        assertEquals(Frequency.parse("1.6GHz"), d.clock());
        assertEquals(2, d.channels());
        assertEquals(DataSize.ofGiB(16), d.capacity());
        assertEquals(PagePolicy.OPEN_ADAPTIVE, d.policy());
        assertEquals(13_750, d.timing().tRCD().ps());
        assertEquals(Duration.parse("7.8us"), d.timing().tREFI());
        assertEquals(List.of(4, 4), d.banks());
        assertEquals(List.of("host", "pim"), List.copyOf(d.links().keySet()));
        assertEquals(Bandwidth.parse("25.6GB/s"), d.links().get("host"));
        assertEquals(new FrFcfs(8), d.scheduler());
        assertTrue(d.refresh());
        assertEquals(Optional.empty(), d.pinRate());
        assertThrows(UnsupportedOperationException.class, () -> d.banks().add(1));
        assertThrows(UnsupportedOperationException.class, () -> d.links().put("x", Bandwidth.parse("1GB/s")));
    }

    @Test
    void extendsChainsRelativeThenConfigsRoot() {
        // child -> sibling (same dir) -> system (configs root) whose dram: extends dram/fast -> dram/base
        Sys s = load("local/child.yaml");
        assertEquals("child", s.name());
        assertEquals(7L, s.seed());
        Dram d = s.dram();
        assertEquals(4, d.channels());
        assertEquals(Frequency.parse("2GHz"), d.clock());
        assertEquals(DataSize.ofGiB(32), d.capacity());
        assertEquals(List.of(8, 8), d.banks(), "lists replace, not append");
        assertEquals(Duration.parse("12ns"), d.timing().tRCD(), "fast overrides base");
        assertEquals(Duration.parse("14ns"), d.timing().tRP(), "inherited from base");
        assertEquals(Duration.parse("3.9us"), d.timing().tREFI());
        assertEquals(new Fcfs(), d.scheduler(), "bare scalar names the kind");
    }

    @Test
    void nullResetsAnInheritedValueToItsDefault() {
        assertEquals(Duration.parse("7.8us"), load("local/reset.yaml").dram().timing().tREFI());
    }

    @Test
    void locationsStayWithTheDefiningFile() {
        ConfigNode tree = LOADER.loadTree(DIR.resolve("local/child.yaml"));
        ConfigNode.MapNode dram = (ConfigNode.MapNode) ((ConfigNode.MapNode) tree).get("dram");
        ConfigNode.MapNode timing = (ConfigNode.MapNode) dram.get("timing");
        assertEquals(new ConfigNode.Location("src/test/resources/config/configs/dram/fast.yaml", 4, 9),
                timing.get("tRCD").location());
        assertEquals(new ConfigNode.Location("src/test/resources/config/configs/dram/base.yaml", 7, 8),
                timing.get("tRP").location());
        assertEquals("src/test/resources/config/local/child.yaml", dram.get("channels").location().file());
        assertFalse(((ConfigNode.MapNode) tree).has("extends"));
    }

    @Test
    void overridesWinOverFilesAndApplyInOrder() {
        Sys s = load("local/child.yaml", "dram.channels=8", "name=over", "dram.timing.tRP=15ns",
                "dram.banks=[1, 2, 3]", "dram.channels=9", "dram.scheduler={kind: fr-fcfs, cap: 2}",
                "dram.pinRate=3.2Gbps", "extra.a=5", "dram.banks.1=7");
        assertEquals(9, s.dram().channels());
        assertEquals("over", s.name());
        assertEquals(Duration.parse("15ns"), s.dram().timing().tRP());
        assertEquals(List.of(1, 7, 3), s.dram().banks());
        assertEquals(new FrFcfs(2), s.dram().scheduler());
        assertEquals(Optional.of(BitRate.parse("3.2Gbps")), s.dram().pinRate());
        assertEquals(5, s.extra().orElseThrow().a());
        assertEquals(List.of(), s.extra().orElseThrow().tags());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "errors/unknown-key.yaml | 8 | 5 | unknown key 'tRDC' (did you mean 'tRCD'? expected one of: tRCD, tRP, tRAS, tREFI)",
        "errors/wrong-type.yaml | 4 | 13 | expected an integer, got \"abc\"",
        "errors/missing-key.yaml | 8 | 5 | missing required key 'tRCD' (expected a duration like \"14ns\")",
        "errors/out-of-range.yaml | 4 | 13 | value 17 is out of range (expected 1 <= channels <= 16)",
        "errors/bad-unit.yaml | 3 | 10 | unknown unit \"Gz\" in \"1.6Gz\" (expected a frequency like \"1.6GHz\"; units: Hz, kHz, MHz, GHz, THz)",
        "errors/duplicate.yaml | 3 | 1 | duplicate key 'name' (expected each key once; first at line 1)",
        "errors/ctor.yaml | 8 | 5 | tRAS (10ns) must be at least tRCD (14ns)",
        "errors/overflow.yaml | 2 | 7 | value 99999999999999999999 does not fit in long (expected an integer from -9223372036854775808 to 9223372036854775807)",
        "errors/bad-enum.yaml | 6 | 11 | unknown value \"sometimes\" (expected one of: open, closed, open-adaptive)",
        "errors/bad-kind.yaml | 10 | 21 | unknown kind \"round-robin\" (expected one of: Fcfs, fr-fcfs)",
        "errors/alias.yaml | 2 | 7 | YAML aliases (*n) are not supported (expected a plain value; use extends: to share settings)",
        "errors/bad-utf8.yaml | 2 | 7 | invalid UTF-8 byte sequence (expected UTF-8 text)",
    })
    void everyErrorIsOneLocatedLine(String file, int line, int col, String reason) {
        ConfigException e = error(file);
        String name = "src/test/resources/config/" + file;
        assertEquals(name + ":" + line + ":" + col + ": " + reason, e.getMessage());
        assertEquals(name, e.file());
        assertEquals(line, e.line());
        assertEquals(col, e.column());
        assertEquals(reason, e.reason());
    }

    @Test
    void yamlSyntaxErrorsAreLocatedOneLiners() {
        ConfigException e = error("errors/not-yaml.yaml");
        assertEquals("src/test/resources/config/errors/not-yaml.yaml", e.file());
        assertTrue(e.getMessage().contains("invalid YAML: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(expected well-formed YAML)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(3, e.line(), e.getMessage());

        ConfigException tab = error("errors/tab.yaml");
        assertEquals(3, tab.line(), tab.getMessage());
        assertEquals(1, tab.column(), tab.getMessage());
        assertFalse(tab.getMessage().contains("\n"));
    }

    @Test
    void missingFileNamesThePath() {
        ConfigException e = error("nope.yaml");
        assertEquals("src/test/resources/config/nope.yaml: no such file (expected an existing YAML config file)", e.getMessage());
    }

    @Test
    void endlessOrUnreadableInputsAreErrors() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/dev/zero")));
        ConfigException zero = assertThrows(ConfigException.class, () -> LOADER.loadTree(Path.of("/dev/zero")));
        assertEquals("/dev/zero: file is larger than 16 MiB (expected a YAML config file)", zero.getMessage());
        ConfigException dir = assertThrows(ConfigException.class, () -> LOADER.loadTree(DIR));
        assertTrue(dir.getMessage().startsWith("src/test/resources/config: cannot read file: "), dir.getMessage());
    }

    @Test
    void missingPresetSaysWhereItLooked() {
        ConfigException e = error("local/missing-preset.yaml");
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertTrue(e.reason().startsWith("cannot find preset \"dram/nope\" (expected a file dram/nope.yaml in "
                + "src/test/resources/config/local or in the configs root src/test/resources/config/configs)"), e.reason());
    }

    @Test
    void cyclesNameTheChain() {
        ConfigException e = error("local/cycle-a.yaml");
        assertEquals("src/test/resources/config/local/cycle-b.yaml:1:10: extends cycle: "
                + "src/test/resources/config/local/cycle-a.yaml -> src/test/resources/config/local/cycle-b.yaml -> "
                + "src/test/resources/config/local/cycle-a.yaml (expected presets that do not extend each other)", e.getMessage());
    }

    @Test
    void overrideErrorsAreLocatedInTheArgument() {
        ConfigException unknown = error("valid.yaml", "dram.chanels=2");
        assertEquals("<--set dram.chanels>:1:6: unknown key 'chanels' (did you mean 'channels'? expected one of: "
                + "clock, channels, capacity, policy, timing, banks, links, scheduler, refresh, pinRate)", unknown.getMessage());

        ConfigException deep = error("valid.yaml", "dram.timing.tRDC=1ns");
        assertEquals("<--set dram.timing.tRDC>", deep.file());
        assertEquals(13, deep.column());
        assertTrue(deep.reason().startsWith("unknown key 'tRDC' (did you mean 'tRCD'?"), deep.reason());

        ConfigException value = error("valid.yaml", "dram.channels=two");
        assertEquals("<--set dram.channels>:1:15: expected an integer, got \"two\"", value.getMessage());

        ConfigException yaml = error("valid.yaml", "dram.banks=[1, 2");
        assertEquals("<--set dram.banks>", yaml.file());
        assertTrue(yaml.reason().startsWith("invalid YAML"), yaml.reason());

        assertEquals("<--set dram.channels>:1:14: missing '=' (expected --set path.to.key=value)",
                error("valid.yaml", "dram.channels").getMessage());
        assertEquals("<--set dram..x>:1:6: empty key in path \"dram..x\" (expected --set path.to.key=value)",
                error("valid.yaml", "dram..x=1").getMessage());
        ConfigException through = error("valid.yaml", "name.first=a");
        assertTrue(through.reason().startsWith("cannot set 'first': 'name' is \"test-system\""), through.reason());
        ConfigException index = error("valid.yaml", "dram.banks.5=1");
        assertTrue(index.reason().startsWith("index 5 is past the end of the list"), index.reason());
    }

    @Test
    void overrideCanReplaceWholeSections() {
        Sys s = load("valid.yaml", "dram.timing={tRCD: 1ns, tRP: 1ns, tRAS: 2ns}");
        assertEquals(Duration.parse("1ns"), s.dram().timing().tRCD());
        assertEquals(Duration.parse("7.8us"), s.dram().timing().tREFI(), "replaced, so the default applies");
    }

    @Test
    void resolvedYamlRoundTrips() {
        ConfigNode tree = LOADER.loadTree(DIR.resolve("local/child.yaml"), List.of("dram.pinRate=16Gbps"));
        String yaml = ConfigLoader.toYaml(tree);
        ConfigNode again = YamlTreeReader.parse(yaml, "<dump>", 0);
        assertEquals(ConfigBinder.bind(tree, Sys.class), ConfigBinder.bind(again, Sys.class));
        assertFalse(yaml.contains("extends"));

        Sys s = load("valid.yaml");
        String full = ConfigLoader.toYaml(s);
        assertTrue(full.contains("tREFI: 7.8us"), full);
        assertTrue(full.contains("kind: fr-fcfs"), full);
        assertEquals(s, ConfigBinder.bind(YamlTreeReader.parse(full, "<dump>", 0), Sys.class));
    }

    @Test
    void writesResolvedYamlAtomically(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        ConfigNode tree = LOADER.loadTree(DIR.resolve("local/child.yaml"));
        Path out = dir.resolve("run/config.resolved.yaml");
        ConfigLoader.writeYaml(out, tree);
        ConfigLoader.writeYaml(out, tree); // replaces
        assertEquals(ConfigBinder.bind(tree, Sys.class), ConfigLoader.loadValue(out, Sys.class));
        try (var files = java.nio.file.Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temp files left behind");
        }
    }

    @Test
    void findsConfigsRootWalkingUp() {
        Path root = DIR.resolve("configs").toAbsolutePath().normalize();
        assertEquals(Optional.of(root), ConfigLoader.findConfigsRoot(DIR.resolve("local/child.yaml")));
        assertEquals(Optional.of(root), ConfigLoader.findConfigsRoot(DIR.resolve("configs/dram/base.yaml")));
        assertEquals(Optional.of(root), ConfigLoader.findConfigsRoot(DIR));
    }

    @Test
    void loadValueReadsSimpleFiles() {
        Dram d = ConfigLoader.loadValue(DIR.resolve("configs/dram/fast.yaml"), Dram.class);
        assertEquals(Frequency.parse("2GHz"), d.clock());
        assertEquals(Duration.parse("33ns"), d.timing().tRAS());
        assertEquals(Map.of(), d.links());
    }
}
