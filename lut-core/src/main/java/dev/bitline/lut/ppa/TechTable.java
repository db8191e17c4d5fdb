package dev.bitline.lut.ppa;

import java.util.List;
import java.util.Optional;

/**
 * Per-process-node parameter table for the PPA models, bound from {@code configs/lut/tech/*.yaml}.
 *
 * <p>Operator costs are given at the node they were measured at ({@code measuredAt}: Horowitz's
 * 45 nm, 0.9 V table) and scaled to {@code node} with {@link TechScaling} (Stillmaker &amp; Baas).
 * Nothing here is fitted to a LUT Tensor Core result.
 *
 * @param name human-readable name printed in reports
 * @param measuredAt node and supply voltage of the numbers below
 * @param node node and supply voltage the design is evaluated at
 * @param intAdd integer adders by width (energy per add, area)
 * @param intMul integer multipliers by width
 * @param fp16Add fp16 adder
 * @param fp16Mul fp16 multiplier
 * @param fp32Add fp32 adder
 * @param fp32Mul fp32 multiplier
 * @param cells standard-cell areas for the parts the Horowitz table lacks (registers, muxes)
 * @param registerHoldFraction energy a clocked flip-flop spends in a cycle where it keeps its
 *     value, as a fraction of the energy of a write (an assumption, not a table value)
 * @param sram SRAM costs for the optional buffer accounting ({@code ppa.includeBuffers})
 */
public record TechTable(
        String name,
        Node measuredAt,
        Node node,
        List<SizedOp> intAdd,
        List<SizedOp> intMul,
        Op fp16Add,
        Op fp16Mul,
        Op fp32Add,
        Op fp32Mul,
        Cells cells,
        double registerHoldFraction,
        Optional<Sram> sram) {

    public TechTable {
        if (intAdd == null || intAdd.isEmpty()) {
            throw new IllegalArgumentException("intAdd needs at least one width (expected a list of {bits, energyPj, areaUm2})");
        }
        if (intMul == null || intMul.isEmpty()) {
            throw new IllegalArgumentException("intMul needs at least one width (expected a list of {bits, energyPj, areaUm2})");
        }
        if (registerHoldFraction < 0 || registerHoldFraction > 1) {
            throw new IllegalArgumentException("registerHoldFraction must be in [0, 1], got " + registerHoldFraction);
        }
        intAdd = List.copyOf(intAdd);
        intMul = List.copyOf(intMul);
    }

    /**
     * SRAM buffer costs: area from the bit cell and an array efficiency (cells / total area), read
     * energy per 64-bit word by capacity (interpolated log-log between rows).
     */
    public record Sram(String source, double bitCellUm2, double arrayEfficiency, List<SramRead> reads) {
        public Sram {
            if (bitCellUm2 <= 0 || arrayEfficiency <= 0 || arrayEfficiency > 1) {
                throw new IllegalArgumentException("sram bitCellUm2 > 0 and arrayEfficiency in (0, 1] expected");
            }
            if (reads == null || reads.isEmpty()) {
                throw new IllegalArgumentException("sram.reads needs at least one {capacityKiB, energyPj64} row");
            }
            reads = List.copyOf(reads);
        }
    }

    /** Energy of one 64-bit read from an SRAM of the given capacity. */
    public record SramRead(double capacityKiB, double energyPj64) {
        public SramRead {
            if (capacityKiB <= 0 || energyPj64 <= 0) {
                throw new IllegalArgumentException("capacityKiB and energyPj64 must be positive");
            }
        }
    }

    /** A process node and its supply voltage. */
    public record Node(double nm, double vdd) {
        public Node {
            if (nm < 7 || nm > 130) {
                throw new IllegalArgumentException("nm must be within 7..130 (the scaling table's range), got " + nm);
            }
            if (vdd <= 0 || vdd > 2) {
                throw new IllegalArgumentException("vdd must be a supply voltage in volts (0..2], got " + vdd);
            }
        }
    }

    /** Cost of one operator of a given bit width. */
    public record SizedOp(int bits, double energyPj, double areaUm2) {
        public SizedOp {
            if (bits <= 0 || energyPj <= 0 || areaUm2 <= 0) {
                throw new IllegalArgumentException("bits, energyPj and areaUm2 must all be positive");
            }
        }
    }

    /** Cost of one fixed-width operator. */
    public record Op(double energyPj, double areaUm2) {
        public Op {
            if (energyPj <= 0 || areaUm2 <= 0) {
                throw new IllegalArgumentException("energyPj and areaUm2 must be positive");
            }
        }
    }

    /**
     * Standard-cell areas (um^2) for storage and selection logic.
     *
     * @param source where the numbers come from
     */
    public record Cells(String source, double dffUm2, double latchUm2, double mux2Um2, double xor2Um2,
            double halfAdderUm2) {
        public Cells {
            if (dffUm2 <= 0 || latchUm2 <= 0 || mux2Um2 <= 0 || xor2Um2 <= 0 || halfAdderUm2 <= 0) {
                throw new IllegalArgumentException("cell areas must be positive");
            }
        }
    }
}
