package dev.bitline.lut.cycle;

import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.Simulator;
import java.util.function.BiFunction;

/**
 * Event-driven cycle model of a LUT tensor-core array running one GEMM O[M,N] = A[M,K] x W[N,K]^T.
 *
 * <p><b>Dataflow.</b> The output is cut into blocks of tileM rows x tileN columns. Column blocks
 * are dealt round-robin to the tiles; each tile walks its column blocks, and within one the row
 * blocks, and within one row block the K dimension in weight chunks of {@code weightChunkK}
 * elements. A chunk of k-groups costs {@code groups * planes} cycles: one cycle per bit-plane per
 * k-group, every (row, column) cell doing one table lookup, shift and accumulate. When the whole
 * column block's weights fit the weight buffer they are fetched once and reused by every row block
 * ("resident"); otherwise they are re-streamed for each row block.
 *
 * <p><b>Tables.</b> When all tables of the GEMM fit the table buffer they are made once: by a
 * precompute operator that runs before the GEMM (activations read through the port, then
 * {@code ceil(M * ceil(K/k) / tablesPerCycle) + latency} cycles), or, with precompute fused into
 * the previous operator, they are already there and cost nothing here. When they do not fit, each
 * (column block, row block) visit needs its row block's tables again: re-precomputed (activations
 * re-read, precompute unit busy) or, fused, reloaded through the port. When even one row block's
 * tables for the whole K do not fit, K is cut into segments of whole weight chunks whose tables
 * fit (half the buffer each with double buffering, so the next segment's tables are made while
 * the current one computes), and each visit makes its tables segment by segment (partial sums stay
 * in the accumulators).
 *
 * <p><b>Overlap.</b> With double buffering, weight chunk fetches run ahead of compute as far as
 * buffer slots allow, and the next visit's tables are made while the current one computes; without
 * it, a fetch starts only when the tile needs it and is idle.
 *
 * <p><b>Events.</b> Each tile schedules itself only when something happens: a chunk arrives, a
 * table set is ready, a chunk finishes. Data arrivals are handled before chunk ends at the same
 * cycle, and chunk ends in tile order (the tile id is the event priority), so same-cycle requests
 * reach the shared port in a fixed order: a fixed-priority arbiter, lower tile first. Nothing visits idle cycles. Each finished visit calls the
 * {@link BlockKernel} so the output values are computed by the functional model, never invented.
 */
public final class LutArraySim {
    private static final long TYPE_SHIFT = 56;
    private static final long INDEX_MASK = (1L << TYPE_SHIFT) - 1;
    private static final int WEIGHT = 1;
    private static final int ACT = 2;
    private static final int TABLE = 3;
    private static final int STEP = 4;
    private static final int PHASE_ACT = 5;
    private static final int PHASE_DONE = 6;
    private static final int TICK = 7;

    private static final long ACT_BASE = 1L << 40;
    private static final long TABLE_BASE = 1L << 41;

    private final ArrayParams p;
    private final GemmJob job;
    private final BlockKernel kernel;
    private final Simulator sim;
    private final Clock clock;
    private final MemoryPort port;
    private final Tile[] tiles;

    // derived shape
    private final int mBlocks;
    private final int nBlocks;
    private final int kGroups;
    private final int chunks;
    private final long setBytes;
    private final boolean tablesResident;
    private final int tableSlots;
    /** Weight chunks whose tables form one table set when tables are re-made per visit. */
    private final int segChunks;
    /** Table sets per visit (1 unless one row block's tables for the whole K exceed the buffer). */
    private final int segs;
    private final boolean weightsResident;
    private final int weightSlots;
    private long precomputeEndCycle;
    private int phaseHandler;
    /** Reference mode for tests: every tile visits every cycle instead of jumping to its next event. */
    private final boolean ticked;
    /** When non-null, (tile, step, start cycle) of every chunk computed, in start order. */
    private final java.util.List<long[]> trace;

    private LutArraySim(ArrayParams p, GemmJob job, BlockKernel kernel,
            BiFunction<Simulator, Component, MemoryPort> portFactory, boolean ticked, java.util.List<long[]> trace) {
        this.ticked = ticked;
        this.trace = trace;
        this.p = p;
        this.job = job;
        this.kernel = kernel;
        this.sim = new Simulator(0);
        this.clock = Clock.ofHz(p.clockHz());
        Component root = new Component(sim, "lut", null) { };
        this.port = portFactory == null
                ? new FixedBandwidthPort(sim, "port", root, clock, p.portBytesPerCycle(), p.portLatencyCycles())
                : portFactory.apply(sim, root);
        this.mBlocks = ceilDiv(job.m(), p.tileM());
        this.nBlocks = ceilDiv(job.n(), p.tileN());
        this.kGroups = ceilDiv(job.k(), p.tileK());
        this.chunks = ceilDiv(job.k(), p.weightChunkK());

        long tableBits = (long) p.tileM() * kGroups * job.tableEntries() * job.tableEntryBits();
        this.setBytes = ceilDiv(tableBits, 8);
        this.tablesResident = (long) mBlocks * setBytes <= p.tableBufferBytes();
        if (tablesResident || setBytes <= p.tableBufferBytes()) {
            this.segChunks = chunks;
        } else {
            // K is split into segments of whole weight chunks whose tables fit the buffer
            long bitsPerChunk = (long) p.tileM() * (p.weightChunkK() / p.tileK()) * job.tableEntries() * job.tableEntryBits();
            long fit = p.tableBufferBytes() * 8 / bitsPerChunk;
            if (fit < 1) {
                throw new IllegalArgumentException("table buffer of " + p.tableBufferBytes() + " B cannot hold the tables of one weight chunk ("
                        + ceilDiv(bitsPerChunk, 8) + " B); raise buffers.tableBuffer or lower buffers.weightChunkK");
            }
            // with double buffering, segments take half the buffer so the next one is made meanwhile
            long half = p.doubleBuffer() ? fit / 2 : fit;
            this.segChunks = (int) Math.min(chunks, Math.max(1, half));
        }
        this.segs = ceilDiv(chunks, segChunks);
        this.tableSlots = (int) Math.min(Integer.MAX_VALUE, p.tableBufferBytes() / segBytes(0));
        long maxChunkBytes = chunkBytes(p.tileN(), Math.min(p.weightChunkK(), job.k()));
        long slots = p.weightBufferBytes() / maxChunkBytes;
        if (slots < 1) {
            throw new IllegalArgumentException("weight buffer of " + p.weightBufferBytes() + " B cannot hold one weight chunk ("
                    + maxChunkBytes + " B); raise buffers.weightBuffer or lower buffers.weightChunkK");
        }
        this.weightSlots = (int) Math.min(Integer.MAX_VALUE, slots);
        this.weightsResident = mBlocks > 1 && chunks <= weightSlots;
        this.tiles = new Tile[p.tiles()];
        for (int t = 0; t < p.tiles(); t++) {
            tiles[t] = new Tile(root, t);
        }
        phaseHandler = sim.register(this::onPhase);
    }

    /** Runs the GEMM on a fixed-bandwidth port built from {@code p}. */
    public static CycleReport run(ArrayParams p, GemmJob job, BlockKernel kernel) {
        return new LutArraySim(p, job, kernel, null, false, null).simulate();
    }

    /**
     * Runs the GEMM on a port made by {@code portFactory(simulator, parent component)} (e.g. an
     * adapter over a DRAM controller); the port's bandwidth and latency fields of {@code p} are
     * then unused.
     */
    public static CycleReport run(ArrayParams p, GemmJob job, BlockKernel kernel,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        return new LutArraySim(p, job, kernel, portFactory, false, null).simulate();
    }

    /**
     * Test hook: runs in event-driven or in reference ticked mode (every tile handles an event on
     * every cycle and counts its chunk down one cycle at a time) and records every chunk start
     * into {@code trace} as {tile, step, cycle}. Both modes must give the same trace and report.
     */
    static CycleReport runForTest(ArrayParams p, GemmJob job, boolean ticked, java.util.List<long[]> trace) {
        return new LutArraySim(p, job, BlockKernel.NONE, null, ticked, trace).simulate();
    }

    private CycleReport simulate() {
        if (!tablesResident || p.precomputeFused()) {
            precomputeEndCycle = 0;
            for (Tile t : tiles) {
                t.start(0);
            }
        } else {
            long actBytes = (long) job.m() * job.k() * job.actBytes();
            port.read(ACT_BASE, actBytes, phaseHandler, encode(PHASE_ACT, 0));
        }
        sim.runUntilQuiet();
        long end = precomputeEndCycle;
        for (Tile t : tiles) {
            if (!t.finished()) {
                throw new IllegalStateException("tile " + t.id + " stopped at step " + t.nextStep + " of " + t.totalSteps);
            }
            end = Math.max(end, t.finishCycle);
        }
        long compute = 0;
        long wStall = 0;
        long tStall = 0;
        long idle = 0;
        long productions = 0;
        long maxCompute = 0;
        for (Tile t : tiles) {
            maxCompute = Math.max(maxCompute, t.computeCycles);
            compute += t.computeCycles;
            wStall += t.weightStall;
            tStall += t.tableStall;
            idle += end - t.finishCycle;
            productions += t.productions;
        }
        long useful = (long) job.m() * job.n() * kGroups * job.weightPlanes();
        recordStats(end, useful);
        long peak = (long) p.tiles() * p.tileM() * p.tileN() * end;
        long portBusy = 0;
        long portBound = 0;
        if (port instanceof FixedBandwidthPort f) {
            portBusy = f.busyCycles();
            portBound = portBusy + f.latencyCycles();
        }
        return new CycleReport(end, p.clockHz(), p.tiles(), useful, peak, precomputeEndCycle, compute, wStall, tStall,
                (long) p.tiles() * precomputeEndCycle, idle, port.bytesRequested(), portBusy,
                tablesResident, weightsResident, productions, sim.eventsDispatched(), maxCompute, portBound);
    }

    /** Registers the run's counters under {@code lut.*} in the kernel's statistics registry. */
    private void recordStats(long end, long useful) {
        var st = sim.stats();
        st.counter("lut.cycles").add(end);
        st.counter("lut.usefulLookups").add(useful);
        st.counter("lut.peakLookups").add((long) p.tiles() * p.tileM() * p.tileN() * end);
        st.counter("lut.precomputeCycles").add(precomputeEndCycle);
        st.counter("lut.port.bytes").add(port.bytesRequested());
        if (port instanceof FixedBandwidthPort f) {
            st.counter("lut.port.busyCycles").add(f.busyCycles());
        }
        for (Tile t : tiles) {
            st.counter(t.path() + ".chunks").add(t.nextStep);
            st.counter(t.path() + ".computeCycles").add(t.computeCycles);
            st.counter(t.path() + ".weightStallCycles").add(t.weightStall);
            st.counter(t.path() + ".tableStallCycles").add(t.tableStall);
            st.counter(t.path() + ".idleCycles").add(end - t.finishCycle);
            st.counter(t.path() + ".tableProductions").add(t.productions);
        }
    }

    /** Statistics of the last run as JSON (the kernel registry's format). */
    private String statsJson() {
        return sim.stats().toJson();
    }

    /** A report and the run's statistics registry dumped as JSON. */
    public record Detailed(CycleReport report, String statsJson) {}

    /** Like {@link #run(ArrayParams, GemmJob, BlockKernel)}, also returning the statistics as JSON. */
    public static Detailed runDetailed(ArrayParams p, GemmJob job, BlockKernel kernel) {
        return runDetailed(p, job, kernel, null);
    }

    /** Like {@link #runDetailed(ArrayParams, GemmJob, BlockKernel)} on a port made by {@code portFactory} (null: fixed port). */
    public static Detailed runDetailed(ArrayParams p, GemmJob job, BlockKernel kernel,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        LutArraySim s = new LutArraySim(p, job, kernel, portFactory, false, null);
        CycleReport r = s.simulate();
        return new Detailed(r, s.statsJson());
    }

    private void onPhase(long timePs, long payload) {
        int type = (int) (payload >>> TYPE_SHIFT);
        long now = clock.firstCycleAtOrAfter(timePs);
        if (type == PHASE_ACT) {
            long tables = (long) job.m() * kGroups;
            long cycles = ceilDiv(tables, p.tablesPerCycle()) + p.precomputeLatency();
            sim.schedule(clock.timeOf(now + cycles), 0, phaseHandler, encode(PHASE_DONE, 0));
        } else {
            precomputeEndCycle = now;
            for (Tile t : tiles) {
                t.start(now);
            }
        }
    }

    /** First K element of table segment {@code seg}. */
    private int segKStart(int seg) {
        return seg * segChunks * p.weightChunkK();
    }

    /** K elements of table segment {@code seg}. */
    private int segKLen(int seg) {
        return (int) Math.min((long) job.k(), (long) (seg + 1) * segChunks * p.weightChunkK()) - segKStart(seg);
    }

    /** Bytes of one row block's tables for segment {@code seg} (buffer space and reload size). */
    private long segBytes(int seg) {
        long groups = ceilDiv(segKLen(seg), p.tileK());
        return ceilDiv((long) p.tileM() * groups * job.tableEntries() * job.tableEntryBits(), 8);
    }

    /** Cycles the precompute unit needs for {@code rows} rows' tables of segment {@code seg}. */
    private long precomputeCycles(int rows, int seg) {
        return ceilDiv((long) rows * ceilDiv(segKLen(seg), p.tileK()), p.tablesPerCycle()) + p.precomputeLatency();
    }

    private long chunkBytes(int cols, int kLen) {
        return ceilDiv((long) cols * kLen * job.weightPlanes(), 8);
    }

    private int rowsOf(int mb) {
        return Math.min(p.tileM(), job.m() - mb * p.tileM());
    }

    private int colsOf(int nb) {
        return Math.min(p.tileN(), job.n() - nb * p.tileN());
    }

    private int kLenOf(int ch) {
        return Math.min(p.weightChunkK(), job.k() - ch * p.weightChunkK());
    }

    private static long encode(int type, long index) {
        return ((long) type << TYPE_SHIFT) | index;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** One tile: its column blocks, its buffers' occupancy, its compute state. */
    private final class Tile extends Component {
        private static final int NONE = 0;
        private static final int WAIT_WEIGHTS = 1;
        private static final int WAIT_TABLES = 2;

        final int id;
        final int handler;
        final int nbCount;
        final long totalSteps;
        final long totalFetches;
        final long totalVisits;
        // weight buffer: fetch f lives in slot f % weightSlots until released
        final boolean[] arrived;
        int slotsFree;
        long nextFetch;
        // table buffer (only when tables are not resident): production u = visit * segs + segment,
        // made in order, lives in slot u % tableSlots until its segment's last chunk is done
        final boolean[] tableReady;
        int tableSlotsFree;
        long nextProduction;
        final long totalProductions;
        boolean producing;
        long productions;
        // compute
        long nextStep;
        boolean computing;
        int waitKind = NONE;
        long waitSince;
        long computeCycles;
        long weightStall;
        long tableStall;
        long finishCycle = -1;
        // ticked mode: cycles left of the running chunk, and its step
        long remaining;
        long runningStep;
        long runningSince;

        Tile(Component parent, int id) {
            super(sim, "tile" + id, parent);
            this.id = id;
            this.handler = sim.register(this::onEvent);
            this.nbCount = id < nBlocks ? (nBlocks - id + p.tiles() - 1) / p.tiles() : 0;
            this.totalVisits = (long) nbCount * mBlocks;
            this.totalSteps = totalVisits * chunks;
            this.totalFetches = weightsResident ? (long) nbCount * chunks : totalSteps;
            this.arrived = new boolean[weightSlots];
            this.slotsFree = weightSlots;
            this.totalProductions = tablesResident ? 0 : totalVisits * segs;
            this.tableReady = new boolean[tablesResident ? 0 : tableSlots];
            this.tableSlotsFree = tablesResident ? 0 : tableSlots;
        }

        boolean finished() {
            return nextStep == totalSteps && finishCycle >= 0;
        }

        void start(long cycle) {
            if (totalSteps == 0) {
                finishCycle = cycle;
                return;
            }
            waitSince = cycle;
            waitKind = WAIT_WEIGHTS;
            pumpTables();
            pumpFetches();
            tryStart(cycle);
            if (ticked) {
                sim.schedule(clock.timeOf(cycle + 1), id, handler, encode(TICK, 0));
            }
        }

        private int globalNb(long nbLocal) {
            return id + (int) nbLocal * p.tiles();
        }

        private long fetchOf(long step) {
            if (!weightsResident) {
                return step;
            }
            long nbLocal = step / ((long) mBlocks * chunks);
            return nbLocal * chunks + step % chunks;
        }

        /** The table production a step needs: its visit's set for its K segment. */
        private long productionOf(long step) {
            return (step / chunks) * segs + (step % chunks) / segChunks;
        }

        private boolean releasesAfter(long step) {
            return !weightsResident || (step / chunks) % mBlocks == mBlocks - 1;
        }

        private void pumpFetches() {
            while (nextFetch < totalFetches && slotsFree > 0) {
                if (!p.doubleBuffer() && (computing || nextStep >= totalSteps || nextFetch != fetchOf(nextStep))) {
                    return;
                }
                long f = nextFetch++;
                slotsFree--;
                long nbLocal;
                int ch;
                if (weightsResident) {
                    nbLocal = f / chunks;
                    ch = (int) (f % chunks);
                } else {
                    nbLocal = f / ((long) mBlocks * chunks);
                    ch = (int) (f % chunks);
                }
                int nb = globalNb(nbLocal);
                long bytes = chunkBytes(colsOf(nb), kLenOf(ch));
                long addr = ((long) nb * chunks + ch) * chunkBytes(p.tileN(), p.weightChunkK());
                port.read(addr, bytes, handler, encode(WEIGHT, f));
            }
        }

        private void pumpTables() {
            if (tablesResident || producing || nextProduction >= totalProductions || tableSlotsFree == 0) {
                return;
            }
            if (!p.doubleBuffer() && (computing || nextStep >= totalSteps || nextProduction != productionOf(nextStep))) {
                return;
            }
            long u = nextProduction++;
            tableSlotsFree--;
            producing = true;
            productions++;
            int mb = (int) ((u / segs) % mBlocks);
            int seg = (int) (u % segs);
            if (p.precomputeFused()) {
                port.read(TABLE_BASE + mb * setBytes + segKStart(seg), segBytes(seg), handler, encode(TABLE, u));
            } else {
                long actBytes = (long) rowsOf(mb) * segKLen(seg) * job.actBytes();
                port.read(ACT_BASE + ((long) mb * p.tileM() * job.k() + segKStart(seg)) * job.actBytes(), actBytes, handler,
                        encode(ACT, u));
            }
        }

        private void onEvent(long timePs, long payload) {
            int type = (int) (payload >>> TYPE_SHIFT);
            long idx = payload & INDEX_MASK;
            long now = clock.firstCycleAtOrAfter(timePs);
            switch (type) {
                case WEIGHT -> arrived[(int) (idx % weightSlots)] = true;
                case ACT -> {
                    int mb = (int) ((idx / segs) % mBlocks);
                    sim.schedule(clock.timeOf(now + precomputeCycles(rowsOf(mb), (int) (idx % segs))),
                            MemoryPort.COMPLETION_PRIORITY, handler, encode(TABLE, idx));
                    return;
                }
                case TABLE -> {
                    tableReady[(int) (idx % tableSlots)] = true;
                    producing = false;
                    pumpTables();
                }
                case STEP -> stepDone(idx, now);
                case TICK -> {
                    // a chunk started at this cycle (by an arrival handled before this tick) has not run yet
                    if (computing && now > runningSince && --remaining == 0) {
                        stepDone(runningStep, now);
                    }
                    if (!(nextStep == totalSteps && !computing)) {
                        sim.schedule(clock.timeOf(now + 1), id, handler, encode(TICK, 0));
                    }
                }
                default -> throw new IllegalStateException("unknown event type " + type);
            }
            tryStart(now);
        }

        private void stepDone(long step, long now) {
            computing = false;
            if (releasesAfter(step)) {
                arrived[(int) (fetchOf(step) % weightSlots)] = false;
                slotsFree++;
            }
            long visit = step / chunks;
            int ch = (int) (step % chunks);
            if (!tablesResident && (ch % segChunks == segChunks - 1 || ch == chunks - 1)) {
                tableReady[(int) (productionOf(step) % tableSlots)] = false;
                tableSlotsFree++;
            }
            if (ch == chunks - 1) {
                int mb = (int) (visit % mBlocks);
                int nb = globalNb(visit / mBlocks);
                kernel.computeBlock(mb * p.tileM(), mb * p.tileM() + rowsOf(mb), nb * p.tileN(), nb * p.tileN() + colsOf(nb));
            }
            nextStep++;
            if (nextStep == totalSteps) {
                finishCycle = now;
            }
            pumpTables();
            pumpFetches();
        }

        private void tryStart(long now) {
            if (computing || nextStep >= totalSteps) {
                return;
            }
            long step = nextStep;
            long f = fetchOf(step);
            if (f >= nextFetch || !arrived[(int) (f % weightSlots)]) {
                waitFor(WAIT_WEIGHTS, now);
                return;
            }
            long u = tablesResident ? 0 : productionOf(step);
            if (!tablesResident && (u >= nextProduction || !tableReady[(int) (u % tableSlots)])) {
                waitFor(WAIT_TABLES, now);
                return;
            }
            waitFor(NONE, now);
            int ch = (int) (step % chunks);
            long cycles = (long) ceilDiv(kLenOf(ch), p.tileK()) * job.weightPlanes();
            computing = true;
            computeCycles += cycles;
            if (trace != null) {
                trace.add(new long[] {id, step, now});
            }
            if (ticked) {
                remaining = cycles;
                runningStep = step;
                runningSince = now;
            } else {
                sim.schedule(clock.timeOf(now + cycles), id, handler, encode(STEP, step));
            }
            pumpFetches();
        }

        /** Closes the current wait interval (if any) and opens one of {@code kind}. */
        private void waitFor(int kind, long now) {
            if (kind == waitKind) {
                return;
            }
            if (waitKind == WAIT_WEIGHTS) {
                weightStall += now - waitSince;
            } else if (waitKind == WAIT_TABLES) {
                tableStall += now - waitSince;
            }
            waitKind = kind;
            waitSince = now;
        }
    }
}
