package dev.bitline.rtl.synth;

import java.util.Map;

/**
 * Cells of a synthesized netlist by Yosys internal type ({@code $_AND_}, {@code $_SDFFE_PP0P_}, ...)
 * and their gate-equivalent area.
 *
 * <p>Areas are the X1 cells of the NanGate FreePDK45 Open Cell Library (the same library the PPA
 * model's tech table takes its flip-flop, mux and XOR areas from), in NAND2 equivalents
 * (NAND2_X1 = 0.798 um2 = 1 GE): NOT 0.532, NAND/NOR 0.798, AND/OR 1.064, ANDNOT/ORNOT as AND/OR
 * (the library has no such cell), XOR/XNOR 1.596, MUX2 1.862, AOI3/OAI3 (AOI21) 1.064, AOI4/OAI4
 * (AOI22) 1.330, DFF 4.522; a flip-flop with synchronous reset adds an AND2, one with enable
 * a MUX2. A count-times-cell-area estimate, before placement, sizing and wires, like the PPA
 * model's own.
 */
public record SynthReport(String top, Map<String, Long> cells) {
    public static final double NAND2_UM2 = 0.798;

    public SynthReport {
        cells = Map.copyOf(cells);
    }

    /** NanGate 45 nm X1 area of one cell of Yosys type {@code type}, um2. */
    public static double cellAreaUm2(String type) {
        String t = type.replace("$_", "").replace("_", " ").trim().split(" ")[0];
        switch (t) {
            case "NOT": return 0.532;
            case "BUF": return 0.798;
            case "NAND": case "NOR": return 0.798;
            case "AND": case "OR": case "ANDNOT": case "ORNOT": return 1.064;
            case "XOR": case "XNOR": return 1.596;
            case "MUX": return 1.862;
            case "NMUX": return 1.862 + 0.532;
            case "AOI3": case "OAI3": return 1.064;
            case "AOI4": case "OAI4": return 1.330;
            default: break;
        }
        if (t.endsWith("DFF") || t.endsWith("DFFE") || t.contains("DFF")) {
            double a = 4.522;
            if (t.startsWith("S") || t.startsWith("A") || t.contains("DFFSR")) {
                a += 1.064; // reset / set gating
            }
            if (t.contains("E")) {
                a += 1.862; // load enable mux
            }
            return a;
        }
        if (t.startsWith("DLATCH")) {
            return 2.660;
        }
        throw new IllegalArgumentException("no area for Yosys cell " + type);
    }

    public long cellCount() {
        long n = 0;
        for (long c : cells.values()) {
            n += c;
        }
        return n;
    }

    public long flipFlops() {
        long n = 0;
        for (Map.Entry<String, Long> e : cells.entrySet()) {
            if (e.getKey().contains("DFF")) {
                n += e.getValue();
            }
        }
        return n;
    }

    public double areaUm2() {
        double a = 0;
        for (Map.Entry<String, Long> e : cells.entrySet()) {
            a += e.getValue() * cellAreaUm2(e.getKey());
        }
        return a;
    }

    public double gateEquivalents() {
        return areaUm2() / NAND2_UM2;
    }
}
