package dev.bitline.rtl.synth;

import dev.bitline.rtl.cosim.ToolException;
import dev.bitline.rtl.cosim.Tools;
import dev.bitline.rtl.cosim.Verilator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yosys generic synthesis ({@code synth -flatten}: coarse optimisation, techmap to Yosys's
 * internal gate library, ABC) of emitted Verilog, and the cell counts by type of the result.
 */
public final class Yosys {
    private Yosys() {}

    private static final Pattern CELL = Pattern.compile("^\\s+(\\$_\\w+_)\\s+(\\d+)\\s*$");

    /** Synthesizes {@code files} (name to text) with top {@code top}, flattened; returns the report. */
    public static SynthReport synth(Map<String, String> files, String top) {
        return synth(files, top, true);
    }

    /**
     * As {@link #synth(Map, String)}; with {@code flatten} false the module boundaries stay:
     * every module is synthesized once and the counts are summed over the instance hierarchy
     * ({@code stat -top}), which makes arrays of identical cells cheap to synthesize at the cost
     * of optimisation across boundaries (constants into a cell, logic shared between cells).
     */
    public static SynthReport synth(Map<String, String> files, String top, boolean flatten) {
        Tools.require("yosys");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bitline-yosys");
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
                names.add(f.getKey());
            }
            String script = "read_verilog " + String.join(" ", names) + "\n"
                    + "synth " + (flatten ? "-flatten " : "") + "-top " + top + "\n"
                    + "tee -o stat.txt stat" + (flatten ? "" : " -top " + top) + "\n";
            Files.writeString(dir.resolve("synth.ys"), script);
            Tools.run(dir, List.of("yosys", "-q", "synth.ys"), 3600);
            return parse(top, Files.readString(dir.resolve("stat.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dev.bitline.sim.io.FileTrees.deleteQuietly(dir);
        }
    }

    /** Cell counts from Yosys's {@code stat} text. */
    static SynthReport parse(String top, String stat) {
        Map<String, Long> cells = new TreeMap<>();
        // a hierarchical run lists every module, then the totals over the hierarchy
        int hier = stat.indexOf("=== design hierarchy ===");
        String totals = hier >= 0 ? stat.substring(hier) : stat;
        for (String line : totals.split("\n")) {
            Matcher m = CELL.matcher(line);
            if (m.matches()) {
                cells.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        if (cells.isEmpty()) {
            throw new ToolException("yosys: no cells in the statistics of " + top + " (design optimised away?)");
        }
        return new SynthReport(top, new LinkedHashMap<>(cells));
    }
}
