package dev.bitline.gpu.calibrate;

import dev.bitline.mapping.gpu.Precision;
import dev.bitline.mapping.gpu.RooflineFit;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measured kernels from {@code results/gpu/<gpu>/results.csv} (what {@code bitline gpu bench}
 * writes), as roofline samples: operations, minimum bytes, precision, median seconds. Rows
 * that failed the golden check are left out: a wrong kernel's time says nothing.
 */
public final class MeasuredRuns {
    private MeasuredRuns() {}

    /** One measured kernel. */
    public record Kernel(String label, RooflineFit.Sample sample) {}

    /** The roofline precision of a bench row: fp16, int8, and int1 (binary tensor cores, modelled at the int4 rate, the lowest preset rate). */
    public static Precision precision(String p) {
        switch (p) {
            case "fp16": return Precision.FP16;
            case "bf16": return Precision.BF16;
            case "int8": return Precision.INT8;
            case "int4":
            case "int1": return Precision.INT4;
            case "fp32": return Precision.FP32;
            default: throw new IllegalArgumentException("unknown precision '" + p + "'");
        }
    }

    public static List<Kernel> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new InputException(csv + ": cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw InputException.at(csv.toString(), 1, "empty file (expected the header bitline gpu bench writes)");
        }
        List<String> head = Arrays.asList(lines.get(0).split(","));
        int op = col(head, "op", csv);
        int m = col(head, "m", csv);
        int n = col(head, "n", csv);
        int k = col(head, "k", csv);
        int ms = col(head, "median_ms", csv);
        int bytes = col(head, "bytes", csv);
        int ops = col(head, "ops", csv);
        int prec = col(head, "precision", csv);
        int check = col(head, "check", csv);
        List<Kernel> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = split(lines.get(i));
            if (f.length != head.size()) {
                throw InputException.at(csv.toString(), i + 1, f.length + " fields (expected " + head.size() + ")");
            }
            if (!f[check].equals("pass")) {
                continue;
            }
            try {
                RooflineFit.Sample s = new RooflineFit.Sample(Double.parseDouble(f[ops]), Double.parseDouble(f[bytes]),
                        precision(f[prec]), Double.parseDouble(f[ms]) / 1e3);
                out.add(new Kernel(f[op] + " " + f[m] + "x" + f[n] + "x" + f[k], s));
            } catch (IllegalArgumentException e) {
                throw InputException.at(csv.toString(), i + 1, e.getMessage());
            }
        }
        return out;
    }

    /**
     * The measured runs under {@code resultsRoot} (results/gpu) whose folder names contain the
     * preset's identifying tokens: the parts of its file name with a digit that are not a
     * memory size (a100-80gb: "a100"; rtx-4090: "4090"; h100-sxm: "h100"), or all parts when
     * none has a digit (jetson-orin).
     */
    public static List<Path> find(Path resultsRoot, String presetStem) {
        List<String> tokens = tokens(presetStem);
        if (!Files.isDirectory(resultsRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(resultsRoot)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("results.csv")))
                    .filter(d -> tokens.stream().allMatch(t -> d.getFileName().toString().toLowerCase(Locale.ROOT).contains(t)))
                    .map(d -> d.resolve("results.csv")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static List<String> tokens(String stem) {
        List<String> all = Arrays.asList(stem.toLowerCase(Locale.ROOT).split("-"));
        List<String> digits = all.stream().filter(t -> t.matches(".*[0-9].*") && !t.matches("[0-9]+gb")).toList();
        return digits.isEmpty() ? all : digits;
    }

    private static int col(List<String> head, String name, Path csv) {
        int i = head.indexOf(name);
        if (i < 0) {
            throw InputException.at(csv.toString(), 1, "no column '" + name + "' (expected the header bitline gpu bench writes)");
        }
        return i;
    }

    /** Splits on commas outside double quotes (the kernel column is quoted). */
    static String[] split(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                q = !q;
            } else if (c == ',' && !q) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        f.add(cur.toString());
        return f.toArray(new String[0]);
    }
}
