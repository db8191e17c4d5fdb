package dev.bitline.lut.ppa;

import java.util.Comparator;
import java.util.List;

/**
 * Per-primitive area and energy at the evaluated node, derived from a {@link TechTable}.
 *
 * <p>Integer adders between tabulated widths are interpolated linearly in bits (a ripple/prefix
 * adder grows about linearly); narrower or wider ones are scaled in proportion to the nearest row.
 * Integer multipliers between rows follow the power law through the two nearest rows (array
 * multipliers grow roughly quadratically; the 8- and 32-bit rows give exponent ~1.8).
 *
 * <p>Cells the Horowitz table lacks (flip-flops, latches, 2:1 muxes, XORs, half adders) take
 * their area from the cell table and their energy from the table's logic energy density: energy
 * per operation of the 8-bit adder divided by its area (switched capacitance taken proportional
 * to cell area). This keeps every energy in the model tied to the same measured row.
 */
public final class CostModel {
    /** Area (um^2) and energy per use (pJ) of one primitive at the evaluated node. */
    public record Cost(double areaUm2, double energyPj) {
        public Cost times(double k) {
            return new Cost(areaUm2 * k, energyPj * k);
        }

        public Cost plus(Cost o) {
            return new Cost(areaUm2 + o.areaUm2, energyPj + o.energyPj);
        }
    }

    private final TechTable table;
    private final TechScaling.Factors factors;
    private final double energyPerUm2Pj;

    public CostModel(TechTable table) {
        this.table = table;
        this.factors = TechScaling.between(table.measuredAt().nm(), table.measuredAt().vdd(),
                table.node().nm(), table.node().vdd());
        TechTable.SizedOp ref = nearest(table.intAdd(), 8);
        this.energyPerUm2Pj = ref.energyPj() / ref.areaUm2();
    }

    public TechTable table() {
        return table;
    }

    public TechScaling.Factors factors() {
        return factors;
    }

    /** Logic energy density at the measured node (pJ per um^2 switched), before scaling. */
    public double energyPerUm2Pj() {
        return energyPerUm2Pj;
    }

    private Cost scaled(double areaUm2, double energyPj) {
        return new Cost(areaUm2 * factors.area(), energyPj * factors.energy());
    }

    private Cost cell(double areaUm2) {
        return scaled(areaUm2, areaUm2 * energyPerUm2Pj);
    }

    public Cost intAdd(int bits) {
        return interpolateLinear(table.intAdd(), bits);
    }

    public Cost intMul(int bits) {
        List<TechTable.SizedOp> rows = sorted(table.intMul());
        if (rows.size() == 1 || bits <= rows.get(0).bits()) {
            TechTable.SizedOp r = rows.get(0);
            double k = Math.pow(bits / (double) r.bits(), 2);
            return scaled(r.areaUm2() * k, r.energyPj() * k);
        }
        for (int i = 0; i + 1 < rows.size(); i++) {
            TechTable.SizedOp lo = rows.get(i);
            TechTable.SizedOp hi = rows.get(i + 1);
            if (bits <= hi.bits()) {
                double x = Math.log(bits / (double) lo.bits()) / Math.log(hi.bits() / (double) lo.bits());
                return scaled(lo.areaUm2() * Math.pow(hi.areaUm2() / lo.areaUm2(), x),
                        lo.energyPj() * Math.pow(hi.energyPj() / lo.energyPj(), x));
            }
        }
        TechTable.SizedOp r = rows.get(rows.size() - 1);
        double k = Math.pow(bits / (double) r.bits(), 2);
        return scaled(r.areaUm2() * k, r.energyPj() * k);
    }

    public Cost fp16Add() {
        return scaled(table.fp16Add().areaUm2(), table.fp16Add().energyPj());
    }

    public Cost fp16Mul() {
        return scaled(table.fp16Mul().areaUm2(), table.fp16Mul().energyPj());
    }

    public Cost fp32Add() {
        return scaled(table.fp32Add().areaUm2(), table.fp32Add().energyPj());
    }

    public Cost fp32Mul() {
        return scaled(table.fp32Mul().areaUm2(), table.fp32Mul().energyPj());
    }

    /** One flip-flop bit; energy is one write. */
    public Cost dffBit() {
        return cell(table.cells().dffUm2());
    }

    /** One latch bit; energy is one write. */
    public Cost latchBit() {
        return cell(table.cells().latchUm2());
    }

    public Cost mux2() {
        return cell(table.cells().mux2Um2());
    }

    public Cost xor2() {
        return cell(table.cells().xor2Um2());
    }

    public Cost halfAdder() {
        return cell(table.cells().halfAdderUm2());
    }

    private TechTable.Sram sram() {
        return table.sram().orElseThrow(() -> new IllegalArgumentException(
                "tech table '" + table.name() + "' has no sram section; ppa.includeBuffers needs one"));
    }

    /** Area of an SRAM buffer of {@code bytes}: bits x bit cell / array efficiency. */
    public double sramAreaUm2(long bytes) {
        TechTable.Sram s = sram();
        return bytes * 8.0 * s.bitCellUm2() / s.arrayEfficiency() * factors.area();
    }

    /**
     * Energy of one 64-bit read from an SRAM of {@code bytes}, interpolated log-log between the
     * table's capacities (extrapolated with the nearest segment's slope outside them).
     */
    public double sramRead64Pj(long bytes) {
        List<TechTable.SramRead> rows = sram().reads().stream()
                .sorted(Comparator.comparingDouble(TechTable.SramRead::capacityKiB)).toList();
        double kib = bytes / 1024.0;
        if (rows.size() == 1) {
            TechTable.SramRead r = rows.get(0);
            return r.energyPj64() * Math.sqrt(kib / r.capacityKiB()) * factors.energy();
        }
        int i = 0;
        while (i + 2 < rows.size() && kib > rows.get(i + 1).capacityKiB()) {
            i++;
        }
        TechTable.SramRead lo = rows.get(i);
        TechTable.SramRead hi = rows.get(i + 1);
        double slope = Math.log(hi.energyPj64() / lo.energyPj64()) / Math.log(hi.capacityKiB() / lo.capacityKiB());
        return lo.energyPj64() * Math.pow(kib / lo.capacityKiB(), slope) * factors.energy();
    }

    /** Energy of a stored bit in a cycle where it is clocked but keeps its value. */
    public double holdEnergyPj(Cost storageBit) {
        return storageBit.energyPj() * table.registerHoldFraction();
    }

    private Cost interpolateLinear(List<TechTable.SizedOp> unsorted, int bits) {
        List<TechTable.SizedOp> rows = sorted(unsorted);
        TechTable.SizedOp first = rows.get(0);
        TechTable.SizedOp last = rows.get(rows.size() - 1);
        if (bits <= first.bits()) {
            double k = bits / (double) first.bits();
            return scaled(first.areaUm2() * k, first.energyPj() * k);
        }
        if (bits >= last.bits()) {
            double k = bits / (double) last.bits();
            return scaled(last.areaUm2() * k, last.energyPj() * k);
        }
        for (int i = 0; i + 1 < rows.size(); i++) {
            TechTable.SizedOp lo = rows.get(i);
            TechTable.SizedOp hi = rows.get(i + 1);
            if (bits <= hi.bits()) {
                double t = (bits - lo.bits()) / (double) (hi.bits() - lo.bits());
                return scaled(lo.areaUm2() + t * (hi.areaUm2() - lo.areaUm2()),
                        lo.energyPj() + t * (hi.energyPj() - lo.energyPj()));
            }
        }
        throw new AssertionError(bits);
    }

    private static List<TechTable.SizedOp> sorted(List<TechTable.SizedOp> rows) {
        return rows.stream().sorted(Comparator.comparingInt(TechTable.SizedOp::bits)).toList();
    }

    private static TechTable.SizedOp nearest(List<TechTable.SizedOp> rows, int bits) {
        return rows.stream().min(Comparator.comparingInt(r -> Math.abs(r.bits() - bits))).orElseThrow();
    }
}
