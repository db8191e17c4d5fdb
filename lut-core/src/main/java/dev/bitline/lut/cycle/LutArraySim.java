package dev.bitline.lut.cycle;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Device;
import dev.bitline.sim.device.DeviceModel;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.stats.Counter;
import java.util.ArrayDeque;
import java.util.List;
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
 * cycle, and chunk ends in tile order (tile i at {@link Priorities#arbitrated}(i)), so same-cycle
 * requests reach the shared port in a fixed order: a fixed-priority arbiter, lower tile first.
 * Nothing visits idle cycles. Each finished visit calls the {@link BlockKernel} so the output
 * values are computed by the functional model, never invented.
 *
 * <p><b>A device on the caller's timeline.</b> The array is a {@link Component} on the caller's
 * {@link Simulator} and a {@link Device}: it accepts {@link Operation.Gemm} descriptions (or a
 * {@link GemmJob} with a {@link BlockKernel} for verified runs), runs them one after another, and
 * schedules the caller's completion event when the last tile finishes; its memory port (a fixed
 * pipe or a DRAM system) is its child on the same event queue. Its statistics ({@code
 * lut.cycles}, {@code lut.tile3.computeCycles}, ...) are registered at construction and
 * accumulate over the operations it ran. {@link #model()} is the analytical model of the same
 * array ({@link LutArrayModel}).
 */
public final class LutArraySim extends Component implements Device {
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
    private final LutConfig tables;
    private final Simulator sim;
    private final Clock clock;
    private final MemoryPort port;
    private final Tile[] tiles;
    private final int phaseHandler;
    private final LutArrayModel model;
    private final ArrayDeque<Run> queue = new ArrayDeque<>();
    private Run run;
    private CycleReport lastReport;
    /** Reference mode for tests: every tile visits every cycle instead of jumping to its next event. */
    private boolean ticked;
    /** When non-null, (tile, step, start cycle) of every chunk computed, in start order. */
    private List<long[]> trace;

    // statistics, accumulated over the operations run
    private final Counter cyclesStat;
    private final Counter usefulStat;
    private final Counter peakStat;
    private final Counter precomputeStat;
    private final Counter operationsStat;

    /**
     * An array on {@code sim} with a fixed-bandwidth port built from {@code p} ({@code
     * <path>.port}).
     *
     * @param tables the table design (group g, symmetrization, entry precision): what an {@link
     *     Operation.Gemm} is translated with
     */
    public LutArraySim(Simulator sim, String name, Component parent, ArrayParams p, LutConfig tables) {
        this(sim, name, parent, p, tables, null);
    }

    /**
     * An array on {@code sim} whose memory port is made by {@code portFactory(simulator, this)}
     * (e.g. an adapter over a DRAM system, in a module above lut-core); null for the fixed port of
     * {@code p}, whose bandwidth and latency fields are otherwise unused.
     */
    public LutArraySim(Simulator sim, String name, Component parent, ArrayParams p, LutConfig tables,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        super(sim, name, parent);
        if (tables.g() != p.tileK()) {
            throw new IllegalArgumentException("table group g=" + tables.g() + " must equal the tile's k=" + p.tileK());
        }
        this.p = p;
        this.tables = tables;
        this.sim = sim;
        this.clock = Clock.ofHz(p.clockHz());
        this.port = portFactory == null
                ? new FixedBandwidthPort(sim, "port", this, clock, p.portBytesPerCycle(), p.portLatencyCycles())
                : portFactory.apply(sim, this);
        this.model = new LutArrayModel(p, tables);
        var st = sim.stats();
        this.cyclesStat = st.counter(statName("cycles"));
        this.usefulStat = st.counter(statName("usefulLookups"));
        this.peakStat = st.counter(statName("peakLookups"));
        this.precomputeStat = st.counter(statName("precomputeCycles"));
        this.operationsStat = st.counter(statName("operations"));
        this.tiles = new Tile[p.tiles()];
        for (int t = 0; t < p.tiles(); t++) {
            tiles[t] = new Tile(t);
        }
        this.phaseHandler = sim.register(this::onPhase);
    }

    /** Runs one GEMM alone on a new simulator, with a fixed-bandwidth port built from {@code p}. */
    public static CycleReport run(ArrayParams p, GemmJob job, BlockKernel kernel) {
        return runDetailed(p, job, kernel, null).report();
    }

    /** Runs one GEMM alone on a new simulator, on a port made by {@code portFactory} (null: fixed port). */
    public static CycleReport run(ArrayParams p, GemmJob job, BlockKernel kernel,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        return runDetailed(p, job, kernel, portFactory).report();
    }

    /**
     * Test hook: runs in event-driven or in reference ticked mode (every tile handles an event on
     * every cycle and counts its chunk down one cycle at a time) and records every chunk start
     * into {@code trace} as {tile, step, cycle}. Both modes must give the same trace and report.
     */
    static CycleReport runForTest(ArrayParams p, GemmJob job, boolean ticked, List<long[]> trace) {
        Simulator sim = new Simulator(0);
        LutArraySim a = new LutArraySim(sim, "lut", null, p, LutConfig.DEFAULT.withG(p.tileK()));
        a.ticked = ticked;
        a.trace = trace;
        return a.runAlone(job, BlockKernel.NONE);
    }

    /** A report and the run's statistics registry dumped as JSON. */
    public record Detailed(CycleReport report, String statsJson) {}

    /** Like {@link #run(ArrayParams, GemmJob, BlockKernel, BiFunction)}, also returning the statistics as JSON. */
    public static Detailed runDetailed(ArrayParams p, GemmJob job, BlockKernel kernel,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        Simulator sim = new Simulator(0);
        LutArraySim a = new LutArraySim(sim, "lut", null, p, LutConfig.DEFAULT.withG(p.tileK()), portFactory);
        CycleReport r = a.runAlone(job, kernel);
        return new Detailed(r, sim.stats().toJson());
    }

    /** Submits {@code job} with no completion event and runs the simulator until it is quiet. */
    private CycleReport runAlone(GemmJob job, BlockKernel kernel) {
        submit(job, kernel, -1, 0);
        sim.runUntilQuiet();
        if (run != null || !queue.isEmpty()) {
            throw new IllegalStateException("the simulator went quiet with a GEMM unfinished: " + run.unfinished());
        }
        return lastReport;
    }

    @Override
    public DeviceModel model() {
        return model;
    }

    @Override
    public void submit(Operation op, int handlerId, long payload) {
        model.requireSupported(op);
        submit(model.job((Operation.Gemm) op), BlockKernel.NONE, handlerId, payload);
    }

    /**
     * Starts {@code job} (or queues it behind the operations submitted before); every finished
     * output block calls {@code kernel}. When the last tile finishes, {@code (handlerId, payload)}
     * is scheduled at that cycle at {@link Priorities#DEFAULT} (no event when {@code handlerId} is
     * negative) and {@link #lastReport()} holds the job's report.
     *
     * @throws IllegalArgumentException if the job's chunks or tables cannot fit the buffers
     */
    public void submit(GemmJob job, BlockKernel kernel, int handlerId, long payload) {
        Run r = new Run(job, kernel, handlerId, payload);
        if (run == null) {
            run = r;
            r.start();
        } else {
            queue.addLast(r);
        }
    }

    @Override
    public int pending() {
        return (run == null ? 0 : 1) + queue.size();
    }

    /** The report of the operation that finished last (null before the first). */
    public CycleReport lastReport() {
        return lastReport;
    }

    public ArrayParams params() {
        return p;
    }

    public LutConfig tables() {
        return tables;
    }

    public MemoryPort port() {
        return port;
    }

    private void onPhase(long timePs, long payload) {
        current().onPhase(timePs, payload);
    }

    private Run current() {
        if (run == null) {
            throw new IllegalStateException(path() + ": event with no GEMM running");
        }
        return run;
    }

    private void completed(Run r, CycleReport report) {
        lastReport = report;
        run = null;
        if (r.handlerId >= 0) {
            sim.schedule(sim.now(), Priorities.DEFAULT, r.handlerId, r.payload);
        }
        if (!queue.isEmpty()) {
            run = queue.pollFirst();
            run.start();
        }
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

    /** A tile as a component: its event handler and statistics, kept across operations. */
    private final class Tile extends Component {
        final int id;
        final int handler;
        final Counter chunks;
        final Counter computeCycles;
        final Counter weightStall;
        final Counter tableStall;
        final Counter idle;
        final Counter productions;

        Tile(int id) {
            super(LutArraySim.this.sim, "tile" + id, LutArraySim.this);
            this.id = id;
            this.handler = sim.register((t, payload) -> current().tiles[this.id].onEvent(t, payload));
            var st = sim.stats();
            chunks = st.counter(statName("chunks"));
            computeCycles = st.counter(statName("computeCycles"));
            weightStall = st.counter(statName("weightStallCycles"));
            tableStall = st.counter(statName("tableStallCycles"));
            idle = st.counter(statName("idleCycles"));
            productions = st.counter(statName("tableProductions"));
        }
    }

    /** One GEMM in progress: its shape derived against the array, and every tile's share. */
    private final class Run {
        final GemmJob job;
        final BlockKernel kernel;
        final int handlerId;
        final long payload;
        final TileRun[] tiles;
        final int mBlocks;
        final int nBlocks;
        final int kGroups;
        final int chunks;
        final long setBytes;
        final boolean tablesResident;
        final int tableSlots;
        /** Weight chunks whose tables form one table set when tables are re-made per visit. */
        final int segChunks;
        /** Table sets per visit (1 unless one row block's tables for the whole K exceed the buffer). */
        final int segs;
        final boolean weightsResident;
        final int weightSlots;
        long startCycle;
        long precomputeEndCycle;
        long eventsAtStart;
        long bytesAtStart;
        long portBusyAtStart;

        Run(GemmJob job, BlockKernel kernel, int handlerId, long payload) {
            this.job = job;
            this.kernel = kernel;
            this.handlerId = handlerId;
            this.payload = payload;
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
            this.tiles = new TileRun[p.tiles()];
            for (int t = 0; t < p.tiles(); t++) {
                tiles[t] = new TileRun(t, LutArraySim.this.tiles[t].handler);
            }
        }

        void start() {
            startCycle = clock.firstCycleAtOrAfter(sim.now());
            eventsAtStart = sim.eventsDispatched();
            bytesAtStart = port.bytesRequested();
            portBusyAtStart = port instanceof FixedBandwidthPort f ? f.busyCycles() : 0;
            if (!tablesResident || p.precomputeFused()) {
                precomputeEndCycle = startCycle;
                for (TileRun t : tiles) {
                    t.start(startCycle);
                }
            } else {
                long actBytes = (long) job.m() * job.k() * job.actBytes();
                port.read(ACT_BASE, actBytes, phaseHandler, encode(PHASE_ACT, 0));
            }
        }

        void onPhase(long timePs, long payload) {
            int type = (int) (payload >>> TYPE_SHIFT);
            long now = clock.firstCycleAtOrAfter(timePs);
            if (type == PHASE_ACT) {
                long tables = (long) job.m() * kGroups;
                long cycles = ceilDiv(tables, p.tablesPerCycle()) + p.precomputeLatency();
                sim.schedule(clock.timeOf(now + cycles), Priorities.DEFAULT, phaseHandler, encode(PHASE_DONE, 0));
            } else {
                precomputeEndCycle = now;
                for (TileRun t : tiles) {
                    t.start(now);
                }
            }
        }

        String unfinished() {
            StringBuilder sb = new StringBuilder();
            for (TileRun t : tiles) {
                if (!t.finished()) {
                    sb.append(" tile ").append(t.id).append(" at step ").append(t.nextStep).append(" of ").append(t.totalSteps);
                }
            }
            return sb.toString().trim();
        }

        /** Completes the operation when every tile has finished; called by a tile that just did. */
        void finishIfDone(long now) {
            long end = precomputeEndCycle;
            for (TileRun t : tiles) {
                if (!t.finished()) {
                    return;
                }
                end = Math.max(end, t.finishCycle);
            }
            long cycles = end - startCycle;
            long precompute = precomputeEndCycle - startCycle;
            long compute = 0;
            long wStall = 0;
            long tStall = 0;
            long idle = 0;
            long productions = 0;
            long maxCompute = 0;
            for (TileRun t : tiles) {
                maxCompute = Math.max(maxCompute, t.computeCycles);
                compute += t.computeCycles;
                wStall += t.weightStall;
                tStall += t.tableStall;
                idle += end - t.finishCycle;
                productions += t.productions;
                Tile c = LutArraySim.this.tiles[t.id];
                c.chunks.add(t.nextStep);
                c.computeCycles.add(t.computeCycles);
                c.weightStall.add(t.weightStall);
                c.tableStall.add(t.tableStall);
                c.idle.add(end - t.finishCycle);
                c.productions.add(t.productions);
            }
            long useful = (long) job.m() * job.n() * kGroups * job.weightPlanes();
            long peak = (long) p.tiles() * p.tileM() * p.tileN() * cycles;
            long portBusy = 0;
            long portBound = 0;
            if (port instanceof FixedBandwidthPort f) {
                portBusy = f.busyCycles() - portBusyAtStart;
                portBound = portBusy + f.latencyCycles();
            }
            cyclesStat.add(cycles);
            usefulStat.add(useful);
            peakStat.add(peak);
            precomputeStat.add(precompute);
            operationsStat.inc();
            completed(this, new CycleReport(cycles, p.clockHz(), p.tiles(), useful, peak, precompute, compute, wStall,
                    tStall, (long) p.tiles() * precompute, idle, port.bytesRequested() - bytesAtStart, portBusy,
                    tablesResident, weightsResident, productions, sim.eventsDispatched() - eventsAtStart, maxCompute,
                    portBound));
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

        /** One tile's share of one GEMM: its column blocks, its buffers' occupancy, its compute state. */
        private final class TileRun {
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

            TileRun(int id, int handler) {
                this.id = id;
                this.handler = handler;
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
                    sim.schedule(clock.timeOf(cycle + 1), Priorities.arbitrated(id), handler, encode(TICK, 0));
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

            void onEvent(long timePs, long payload) {
                int type = (int) (payload >>> TYPE_SHIFT);
                long idx = payload & INDEX_MASK;
                long now = clock.firstCycleAtOrAfter(timePs);
                switch (type) {
                    case WEIGHT -> arrived[(int) (idx % weightSlots)] = true;
                    case ACT -> {
                        int mb = (int) ((idx / segs) % mBlocks);
                        sim.schedule(clock.timeOf(now + precomputeCycles(rowsOf(mb), (int) (idx % segs))),
                                Priorities.DATA_ARRIVAL, handler, encode(TABLE, idx));
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
                            sim.schedule(clock.timeOf(now + 1), Priorities.arbitrated(id), handler, encode(TICK, 0));
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
                if (nextStep == totalSteps) {
                    finishIfDone(now);
                }
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
                    sim.schedule(clock.timeOf(now + cycles), Priorities.arbitrated(id), handler, encode(STEP, step));
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
}
