package dev.bitline.pim.channel;

import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.Activation;
import dev.bitline.pim.mac.MacUnit;
import java.util.Arrays;

/**
 * The values a GEMV moves through a PIM system: the weights in the banks (as the layout places
 * them), the input chunk in each channel's global buffer, the result registers of every bank,
 * and the output vector the host reads back. The channel calls it as commands issue, so the
 * output is what the command stream computes: a missing or reordered MAC changes it.
 *
 * <p>Weights and inputs are already values of the input format ({@link
 * dev.bitline.pim.mac.InputFormat#quantize}).
 */
public final class GemvNumerics {
    private final GemvLayout layout;
    private final Geometry g;
    private final MacUnit unit;
    private final double[] w;      // n x k, row-major
    private final double[][] x;    // batch x k
    private final double[][] gb;   // [channel * rankUnits + rankUnit][chunk]
    private final double[][] acc;  // [flat bank of the system][register]
    private final double[][] y;    // batch x n
    private final int e;
    private Activation af;          // null: none
    private double[][] pre;         // batch x n: the outputs before the activation function

    public GemvNumerics(GemvLayout layout, MacUnit unit, double[] w, double[][] x) {
        this.layout = layout;
        this.g = layout.geometry();
        this.unit = unit;
        if (w.length != (long) layout.n() * layout.k()) throw new IllegalArgumentException("w must hold n*k values");
        for (double[] v : x) {
            if (v.length != layout.k()) throw new IllegalArgumentException("x must hold k values");
        }
        if (unit.lanes() != layout.elementsPerColumn()) {
            throw new IllegalArgumentException("unit lanes " + unit.lanes() + " != elements per column "
                    + layout.elementsPerColumn());
        }
        this.w = w;
        this.x = x;
        this.e = layout.elementsPerColumn();
        this.gb = new double[g.channels() * g.rankUnits()][layout.chunk()];
        this.acc = new double[g.totalBanks()][layout.resultRegisters()];
        this.y = new double[x.length][layout.n()];
    }

    /** WR_GB of one column of chunk {@code chunk} of input vector {@code v}. */
    void load(int channel, int rankUnit, int v, int chunk, int column) {
        double[] buf = gb[channel * g.rankUnits() + rankUnit];
        int k0 = chunk * layout.chunk() + column * e;
        for (int i = 0; i < e; i++) {
            int k = k0 + i;
            buf[column * e + i] = k < layout.k() ? x[v][k] : 0.0;
        }
    }

    /**
     * One MAC command: every unit of the rank unit reads column {@code colInChunk} of chunk
     * {@code chunk} of its bank for {@code phase}, for the rows of slot {@code slot}.
     */
    void mac(int channel, int rankUnit, int slot, int chunk, int colInChunk, int phase) {
        double[] buf = gb[channel * g.rankUnits() + rankUnit];
        int k0 = chunk * layout.chunk() + colInChunk * e;
        int len = Math.min(e, layout.k() - k0);
        int reg = slot % layout.resultRegisters();
        int units = g.unitsPerRankUnit();
        int bankBase = (channel * g.rankUnits() + rankUnit) * g.banksPerRankUnit();
        for (int u = 0; u < units; u++) {
            int bank = g.bankOf(u, phase);
            int r = layout.matrixRow(channel, rankUnit, bank, slot);
            if (r < 0) continue; // padding: the bank holds no row in this slot
            double[] a = acc[bankBase + bank];
            a[reg] = unit.mac(a[reg], w, r * layout.k() + k0, buf, colInChunk * e, len);
        }
    }

    /** The AF stage: the outputs go through {@code f} in the units before the readout. */
    public void setActivation(Activation f) {
        af = f;
        pre = f == null ? null : new double[x.length][layout.n()];
    }

    /** AF of a block: every unit applies the function to the block's result registers. */
    void activate(int channel, int rankUnit, int block, int v) {
        int s0 = block * layout.resultRegisters();
        int bankBase = (channel * g.rankUnits() + rankUnit) * g.banksPerRankUnit();
        for (int bank = 0; bank < g.banksPerRankUnit(); bank++) {
            double[] a = acc[bankBase + bank];
            for (int s = s0; s < s0 + layout.slotsOfBlock(block); s++) {
                int r = layout.matrixRow(channel, rankUnit, bank, s);
                if (r < 0) continue;
                int reg = s % layout.resultRegisters();
                pre[v][r] = a[reg];
                a[reg] = af.unit(a[reg], unit.accumulator());
            }
        }
    }

    /** Outputs before the activation function (null without an AF stage). */
    public double[][] preActivation() {
        return pre;
    }

    /** The last RD_MAC of a block: the host now holds the block's results. */
    void readBlock(int channel, int rankUnit, int block, int v) {
        int s0 = block * layout.resultRegisters();
        int bankBase = (channel * g.rankUnits() + rankUnit) * g.banksPerRankUnit();
        for (int bank = 0; bank < g.banksPerRankUnit(); bank++) {
            double[] a = acc[bankBase + bank];
            for (int s = s0; s < s0 + layout.slotsOfBlock(block); s++) {
                int r = layout.matrixRow(channel, rankUnit, bank, s);
                if (r >= 0) y[v][r] = a[s % layout.resultRegisters()];
            }
            Arrays.fill(a, 0.0);
        }
    }

    /** Output vectors, batch x n, in the accumulator format. */
    public double[][] output() {
        return y;
    }
}
