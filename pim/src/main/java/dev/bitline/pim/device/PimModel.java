package dev.bitline.pim.device;

import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.host.HostAsic;
import dev.bitline.pim.host.VectorOp;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.pim.run.PimAnalytical;
import dev.bitline.sim.device.DeviceModel;
import dev.bitline.sim.device.Estimate;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;

/**
 * The analytical face of a PIM system ({@link PimAnalytical} for GEMV / GEMM with the weights in
 * the banks; the host ASIC's cost for element-wise and nonlinear work; the channel buses for
 * transfers). It accepts exactly what {@link PimDevice} executes.
 *
 * <p>What the device executes: {@link Operation.Gemm} with the weights in the banks
 * ({@link Location#BANK}), stored in the activations' format (the units multiply like with like:
 * bf16, fp16 or int8, whichever the unit has a datapath for); {@link Operation.ElementWise} and
 * {@link Operation.Nonlinear} on the host ASIC; {@link Operation.Transfer} between the host and
 * the banks / global buffers over the channel buses.
 */
public final class PimModel implements DeviceModel {
    private final PimSystem sys;
    private final HostAsic host;

    public PimModel(PimSystem sys) {
        this.sys = sys;
        this.host = new HostAsic(sys.config().host());
    }

    public PimSystem system() {
        return sys;
    }

    public HostAsic host() {
        return host;
    }

    /** The unit input format of a GEMM's activations, or null. */
    static InputFormat format(ActivationFormat a) {
        return switch (a) {
            case BF16 -> InputFormat.BF16;
            case FP16 -> InputFormat.FP16;
            case INT8 -> InputFormat.INT8;
            case FP32 -> null;
        };
    }

    static VectorOp vectorOp(Operation op) {
        if (op instanceof Operation.ElementWise) {
            return VectorOp.RESIDUAL_ADD; // add or multiply: one lane-wide op per element either way
        }
        if (op instanceof Operation.Nonlinear n) {
            return switch (n.function()) {
                case SOFTMAX -> VectorOp.SOFTMAX;
                case LAYER_NORM -> VectorOp.LAYER_NORM;
                case RMS_NORM -> VectorOp.RMS_NORM;
                case GELU -> VectorOp.GELU;
                case SILU -> VectorOp.SILU;
            };
        }
        return null;
    }

    @Override
    public String unsupported(Operation op) {
        if (op instanceof Operation.Gemm g) {
            if (g.weightsAt() != Location.BANK) {
                return "PIM GEMMs read their weights in the banks (weightsAt must be BANK, got " + g.weightsAt() + ")";
            }
            InputFormat f = format(g.acts());
            if (f == null) return "no PIM datapath for " + g.acts() + " activations";
            String why = sys.unsupported(f);
            if (why != null) return why;
            if (g.weights().planes() > f.bits()) {
                return g.weights().name() + " weights do not fit the unit's " + f.name().toLowerCase() + " operands";
            }
            try {
                GemvRun.layout(sys, g.n(), g.k(), f);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return null;
        }
        if (op instanceof Operation.ElementWise e) {
            return host.problem(VectorOp.RESIDUAL_ADD, (int) Math.min(Integer.MAX_VALUE, e.elements()));
        }
        if (op instanceof Operation.Nonlinear n) return host.problem(vectorOp(n), n.rowLength());
        Operation.Transfer t = (Operation.Transfer) op;
        return t.from() == t.to() ? "a transfer needs two different locations" : null;
    }

    @Override
    public Estimate estimate(Operation op) {
        requireSupported(op);
        if (op instanceof Operation.Gemm g) {
            InputFormat f = format(g.acts());
            GemvLayout l = GemvRun.layout(sys, g.n(), g.k(), f);
            double cycles = PimAnalytical.cycles(sys, l, g.m());
            return new Estimate(Math.round(cycles * sys.dram().tCKps()), op.bytesMoved(), Estimate.Bound.MEMORY);
        }
        if (op instanceof Operation.ElementWise e) {
            return new Estimate(host.cost(VectorOp.RESIDUAL_ADD, (int) e.elements(), 1).timePs(), op.bytesMoved(),
                    Estimate.Bound.COMPUTE);
        }
        if (op instanceof Operation.Nonlinear n) {
            return new Estimate(host.cost(vectorOp(n), n.rowLength(), n.rows()).timePs(), op.bytesMoved(),
                    Estimate.Bound.COMPUTE);
        }
        return new Estimate(transferPs(((Operation.Transfer) op).bytes()), op.bytesMoved(), Estimate.Bound.MEMORY);
    }

    /** Time of moving {@code bytes} over every channel's data bus in parallel (peak rate). */
    public long transferPs(long bytes) {
        double perSecond = sys.dram().peakBandwidthBytesPerSecond();
        return (long) Math.ceil(bytes / perSecond * 1e12);
    }
}
