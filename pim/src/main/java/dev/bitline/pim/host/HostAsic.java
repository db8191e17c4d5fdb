package dev.bitline.pim.host;

import dev.bitline.pim.config.PimConfig;

/**
 * The host ASIC of a PIM system (PIM-GPT's ASIC, Duplex's xPU): a vector unit of
 * {@code vectorLanes} fp32 lanes plus a pipelined special-function unit, and an SRAM buffer. It
 * computes the nonlinear layers on real values in fp32 (Java float arithmetic, round to nearest
 * even), and says what each costs: cycles = ceil(n / lanes) x (ops + special x expCycles), plus
 * log2(lanes) cycles of reduction tree for row-wise functions; energy = n x (ops x opPj +
 * special x specialPj) + static power over the time.
 */
public final class HostAsic {
    private final PimConfig.Host cfg;

    public HostAsic(PimConfig.Host cfg) {
        this.cfg = cfg;
    }

    public PimConfig.Host config() {
        return cfg;
    }

    /** Cost of one operation on rows of {@code n} elements, {@code rows} times. */
    public record Cost(long cycles, long timePs, double energyPj) {}

    /** A one-line reason {@code op} cannot run on rows of {@code n} fp32 elements, or null. */
    public String problem(VectorOp op, int n) {
        long need = (long) n * 4 * (op == VectorOp.RESIDUAL_ADD ? 3 : 2);
        if (need > cfg.buffer().bytes()) {
            return "host buffer of " + cfg.buffer() + " is too small for " + op.name().toLowerCase() + " on " + n
                    + " fp32 elements (needs " + need + " B)";
        }
        return null;
    }

    public Cost cost(VectorOp op, int n, long rows) {
        long perRow = ((long) n + cfg.vectorLanes() - 1) / cfg.vectorLanes()
                * (op.ops() + (long) op.special() * cfg.expCycles());
        if (op.rowWise()) perRow += 32 - Integer.numberOfLeadingZeros(Math.max(1, cfg.vectorLanes() - 1));
        long cycles = perRow * rows;
        long timePs = dev.bitline.sim.Clock.ofHz(cfg.clock().hz()).timeOf(cycles); // exact, no rounding drift
        double dyn = (double) n * rows * (op.ops() * cfg.opPj() + op.special() * cfg.specialPj());
        double stat = cfg.staticPowerMw() * 1e-3 * timePs; // mW x ps = 1e-3 pJ
        return new Cost(cycles, timePs, dyn + stat);
    }

    /** Applies {@code op} to {@code x} (and {@code b} for the residual add); gamma = 1, beta = 0. */
    public float[] apply(VectorOp op, float[] x, float[] b) {
        int n = x.length;
        float[] y = new float[n];
        switch (op) {
            case RESIDUAL_ADD -> {
                if (b == null || b.length != n) throw new IllegalArgumentException("residual add needs two equal vectors");
                for (int i = 0; i < n; i++) y[i] = x[i] + b[i];
            }
            case SOFTMAX -> {
                float m = Float.NEGATIVE_INFINITY;
                for (float v : x) m = Math.max(m, v);
                float s = 0;
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.exp(x[i] - m);
                    s += y[i];
                }
                float inv = 1f / s;
                for (int i = 0; i < n; i++) y[i] *= inv;
            }
            case LAYER_NORM -> {
                float mean = 0;
                for (float v : x) mean += v;
                mean /= n;
                float var = 0;
                for (float v : x) var += (v - mean) * (v - mean);
                var /= n;
                float r = (float) (1 / Math.sqrt(var + 1e-5f));
                for (int i = 0; i < n; i++) y[i] = (x[i] - mean) * r;
            }
            case RMS_NORM -> {
                float ms = 0;
                for (float v : x) ms += v * v;
                ms /= n;
                float r = (float) (1 / Math.sqrt(ms + 1e-6f));
                for (int i = 0; i < n; i++) y[i] = x[i] * r;
            }
            case GELU -> {
                final float c = (float) Math.sqrt(2 / Math.PI);
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    float t = (float) Math.tanh(c * (v + 0.044715f * v * v * v));
                    y[i] = 0.5f * v * (1 + t);
                }
            }
            case SILU -> {
                for (int i = 0; i < n; i++) y[i] = x[i] / (1 + (float) Math.exp(-x[i]));
            }
            case REDUCE_SUM -> {
                float s = 0;
                for (float v : x) s += v;
                y = new float[] {s};
            }
        }
        return y;
    }
}
