package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Speed bins may be written in the datasheet's units ({@code tRCD: "13.75ns"}); the loader turns
 * them into cycles with the JEDEC rounding rule. This pins every shipped preset's loaded cycle
 * values ({@code preset-cycles.txt}, recorded when all presets were still written in cycles), so
 * rewriting a preset in ns cannot change a single cycle.
 */
class PresetCyclesTest {
    static final String FILE = "preset-cycles.txt";

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String p : Presets.names()) {
            DramSpec s = Presets.load(p);
            StringBuilder sb = new StringBuilder(p).append(':');
            new java.util.TreeMap<>(s.params()).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            out.add(sb.toString());
        }
        return out;
    }

    /** Rewrites the file (run from the repository root). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("dram-model/src/test/resources/dev/bitline/dram/" + FILE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# timing parameters in cycles of every preset, as loaded (PresetCyclesTest)\n"
                + String.join("\n", lines()) + "\n");
    }

    @Test
    void loadedCyclesOfEveryPresetAreUnchanged() throws IOException {
        Map<String, String> want = new LinkedHashMap<>();
        try (InputStream in = PresetCyclesTest.class.getResourceAsStream(FILE)) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) want.put(l.substring(0, l.indexOf(':')), l);
            }
        }
        List<String> got = lines();
        assertEquals(want.size(), got.size(), "presets");
        for (String l : got) assertEquals(want.get(l.substring(0, l.indexOf(':'))), l);
    }

    @Test
    void jedecRoundingKeepsAGuardBand() {
        long tCK = 625; // DDR4-3200
        assertEquals(22, Expr.jedecCycles(13_750, tCK), "13.75 ns = 22.0 cycles exactly");
        assertEquals(52, Expr.jedecCycles(32_000, tCK), "32 ns = 51.2 cycles: up");
        assertEquals(8, Expr.jedecCycles(4_900, tCK), "4.9 ns = 7.84 cycles: up");
        // a hair above a whole number (within the 2.5% guard band) rounds down, not up
        assertEquals(16, Expr.jedecCycles(10_010, tCK), "10.01 ns = 16.016 cycles");
        assertEquals(17, Expr.jedecCycles(10_020, tCK), "10.02 ns = 16.032 cycles");
        Map<String, Long> none = Map.of();
        assertEquals(8, Expr.eval("max(4nCK, 4.9ns)", none, tCK));
        assertEquals(12480, Expr.eval("7.8us", none, tCK));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("13.75", none, tCK));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("13.75ms2", none, tCK));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("4ns", none, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Expr.eval("1.0001ps", none, tCK));
        assertTrue(e.getMessage().contains("picoseconds"), e.getMessage());
    }
}
