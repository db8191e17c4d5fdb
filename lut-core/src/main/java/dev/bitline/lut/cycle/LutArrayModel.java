package dev.bitline.lut.cycle;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.TablePrecision;
import dev.bitline.sim.Clock;
import dev.bitline.sim.device.DeviceModel;
import dev.bitline.sim.device.Estimate;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;

/**
 * The analytical model of a LUT tensor-core array ({@link LutArraySim}'s {@link DeviceModel}):
 * the same {@link Operation.Gemm} answered with closed forms instead of events. It uses the cycle
 * model's dataflow and buffer rules (column blocks dealt round-robin, weights resident across row
 * blocks when a column block's chunks fit the weight buffer, tables resident or re-made per visit)
 * and then assumes perfect overlap: time is the unfused precompute phase plus the larger of the
 * busiest tile's compute (after its first weight chunk has arrived) and the port's transfer time
 * (plus the compute of the chunk that arrives last). The cycle model adds what this overlap cannot
 * hide (tiles contending for the port at the start, stalls when buffers are too small, table
 * re-making in the critical path), so the estimate is a lower bound. On 3,000 random shapes
 * (M 1..8, N 64..512, K 64..512, 1-4 bit weights, 1-4 tiles, 4-512 B/cycle, fused or not) it
 * equals the cycle model on half, is within 10% on 85%, and is never below 59%; the worst cases
 * sit where compute and transfer time are balanced and tiles contend for the port.
 */
public final class LutArrayModel implements DeviceModel {
    private final ArrayParams p;
    private final LutConfig tables;
    private final Clock clock;

    public LutArrayModel(ArrayParams p, LutConfig tables) {
        this.p = p;
        this.tables = tables;
        this.clock = Clock.ofHz(p.clockHz());
    }

    @Override
    public String unsupported(Operation op) {
        if (!(op instanceof Operation.Gemm g)) {
            return "a LUT array executes GEMM/GEMV only, not " + op.getClass().getSimpleName();
        }
        if (g.weightsAt() != Location.DRAM || g.actsAt() != Location.DRAM) {
            return "a LUT array reads weights and activations through its memory port (expected both at DRAM, got weights at "
                    + g.weightsAt() + ", activations at " + g.actsAt() + ")";
        }
        return null;
    }

    /** The timing view of {@code g} on this array's table design. */
    public GemmJob job(Operation.Gemm g) {
        return new GemmJob(g.m(), g.n(), g.k(), g.weights().planes(), (g.acts().bits() + 7) / 8,
                tables.storedEntries(), tableEntryBits(g.acts(), tables));
    }

    /**
     * Bits of one stored table entry: a sum of g int8 values needs ceil(log2 g) more bits; int8
     * tables 8; fp16 tables 16; fp32 tables and exact float tables 32.
     */
    public static int tableEntryBits(ActivationFormat acts, LutConfig cfg) {
        TablePrecision t = cfg.table();
        if (t == TablePrecision.INT8) {
            return 8;
        }
        if (t == TablePrecision.FP16) {
            return 16;
        }
        if (t == TablePrecision.FP32) {
            return 32;
        }
        if (acts.isInteger()) {
            int g = cfg.g();
            return acts.bits() + (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1));
        }
        return 32;
    }

    @Override
    public Estimate estimate(Operation op) {
        requireSupported(op);
        Cycles c = cycles(job((Operation.Gemm) op));
        return new Estimate(clock.timeOf(c.total()), c.portBytes(),
                c.computeCycles() >= c.memoryCycles() ? Estimate.Bound.COMPUTE : Estimate.Bound.MEMORY);
    }

    /**
     * The estimate's parts, in core cycles.
     *
     * @param precomputeCycles unfused precompute phase before the GEMM (activations read, tables made)
     * @param computeCycles the busiest tile's lookup cycles plus its first chunk's arrival
     * @param memoryCycles port transfer of the GEMM phase's bytes plus one latency plus the
     *     shortest chunk's compute
     * @param portBytes every byte read through the port, precompute phase included
     */
    public record Cycles(long precomputeCycles, long computeCycles, long memoryCycles, long portBytes) {
        public long total() {
            return precomputeCycles + Math.max(computeCycles, memoryCycles);
        }
    }

    public Cycles cycles(GemmJob job) {
        long mBlocks = ceil(job.m(), p.tileM());
        long nBlocks = ceil(job.n(), p.tileN());
        long kGroups = ceil(job.k(), p.tileK());
        long chunks = ceil(job.k(), p.weightChunkK());
        long busiestBlocks = ceil(nBlocks, p.tiles());
        long compute = busiestBlocks * mBlocks * kGroups * job.weightPlanes();

        long setBytes = ceil((long) p.tileM() * kGroups * job.tableEntries() * job.tableEntryBits(), 8);
        boolean tablesResident = mBlocks * setBytes <= p.tableBufferBytes();
        long chunkBytes = ceil((long) p.tileN() * Math.min(p.weightChunkK(), job.k()) * job.weightPlanes(), 8);
        boolean weightsResident = mBlocks > 1 && chunks <= p.weightBufferBytes() / chunkBytes;

        long weightBytes = ceil((long) job.n() * job.k() * job.weightPlanes(), 8);
        long bytes = weightsResident ? weightBytes : weightBytes * mBlocks;
        long actBytes = (long) job.m() * job.k() * job.actBytes();
        long precompute = 0;
        long precomputeBytes = 0;
        if (tablesResident && !p.precomputeFused()) {
            precomputeBytes = actBytes;
            precompute = transfer(actBytes) + ceil(job.m() * kGroups, p.tablesPerCycle()) + p.precomputeLatency();
        } else if (!tablesResident) {
            // every (column block, row block) visit re-makes its row block's tables
            long perNb = p.precomputeFused()
                    ? ceil((long) job.m() * kGroups * job.tableEntries() * job.tableEntryBits(), 8)
                    : actBytes;
            bytes += perNb * nBlocks;
        }
        // what overlap cannot hide: the busiest tile waits for its first chunk before it computes,
        // and the chunk whose bytes arrive last still has to be computed (at least the shortest chunk)
        long firstChunk = transfer(ceil((long) Math.min(p.tileN(), job.n()) * Math.min(p.weightChunkK(), job.k())
                * job.weightPlanes(), 8));
        long lastK = job.k() - (chunks - 1) * p.weightChunkK();
        long shortestChunkCompute = ceil(Math.min(lastK, Math.min(p.weightChunkK(), job.k())), p.tileK()) * job.weightPlanes();
        long memory = transfer(bytes);
        return new Cycles(precompute, compute + firstChunk, memory + shortestChunkCompute, bytes + precomputeBytes);
    }

    private long transfer(long bytes) {
        return (long) Math.ceil(bytes / p.portBytesPerCycle() - 1e-9) + p.portLatencyCycles();
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
