package dev.bitline.pim.channel;

import dev.bitline.pim.layout.GemvLayout;
import java.util.Arrays;

/**
 * The step list every rank unit of every channel runs for one GEMV (or a GEMM as {@code batch}
 * GEMVs over the same weights: PIM units have no weight reuse across inputs), in the order
 * {@link GemvLayout} describes. Every channel runs the same steps on its own banks, so one list
 * serves the whole system; the data a step touches follows from the channel and the layout.
 *
 * <p>Stored as parallel int arrays (no object per step): {@code kind}, and per kind
 * LOAD (batch, chunk, column), OPEN (slot, dram row, -), MAC (slot, chunk, column-in-chunk *
 * banksPerUnit + phase, DRAM column), READ (block, burst, batch), CLOSE.
 */
public final class GemvProgram {
    private int size;
    private byte[] kind = new byte[256];
    private int[] a = new int[256];
    private int[] b = new int[256];
    private int[] c = new int[256];
    private int[] d = new int[256];
    private final GemvLayout layout;
    private final int batch;
    private long macSteps;
    private int[] nextOpen;
    private int[] macRun;

    /**
     * @param resultBytes bytes of one result register (the accumulator format)
     */
    public GemvProgram(GemvLayout layout, int batch, int resultBytes) {
        this(layout, batch, resultBytes, false);
    }

    /**
     * @param activate an AF step before each block's readout: the units apply the activation
     *     function to the block's result registers (y = f(W x))
     */
    public GemvProgram(GemvLayout layout, int batch, int resultBytes, boolean activate) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1");
        this.layout = layout;
        this.batch = batch;
        int banks = layout.geometry().banksPerRankUnit();
        int colBytes = layout.geometry().columnBytes();
        int phases = layout.geometry().banksPerUnit();
        for (int v = 0; v < batch; v++) {
            for (int blk = 0; blk < layout.blocks(); blk++) {
                int s0 = blk * layout.resultRegisters();
                int ns = layout.slotsOfBlock(blk);
                for (int j = 0; j < layout.chunks(); j++) {
                    int cols = layout.columnsOfChunk(j);
                    for (int col = 0; col < cols; col++) add(StepKind.LOAD, v, j, col);
                    for (int s = s0; s < s0 + ns; s++) {
                        add(StepKind.OPEN, s, layout.dramRow(s, j), 0);
                        for (int col = 0; col < cols; col++) {
                            for (int p = 0; p < phases; p++) {
                                add(StepKind.MAC, s, j, col * phases + p, layout.firstColumn(j) + col);
                                macSteps++;
                            }
                        }
                    }
                }
                if (activate) add(StepKind.ACTIVATE, blk, 0, v);
                long bytes = (long) banks * ns * resultBytes;
                int bursts = (int) ((bytes + colBytes - 1) / colBytes);
                for (int r = 0; r < bursts; r++) add(StepKind.READ, blk, r, v);
            }
        }
        add(StepKind.CLOSE, 0, 0, 0);
        macRun = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            macRun[i] = kind(i) == StepKind.MAC ? 1 + (i + 1 < size ? macRun[i + 1] : 0) : 0;
        }
        nextOpen = new int[size];
        int o = -1;
        for (int i = size - 1; i >= 0; i--) {
            StepKind k = kind(i);
            if (k == StepKind.OPEN) o = i;
            else if (k != StepKind.LOAD && k != StepKind.READ) o = -1;
            nextOpen[i] = k == StepKind.OPEN ? -1 : o;
        }
    }

    private void add(StepKind k, int x, int y, int z) {
        add(k, x, y, z, 0);
    }

    private void add(StepKind k, int x, int y, int z, int w) {
        if (size == kind.length) {
            int cap = size * 2;
            kind = Arrays.copyOf(kind, cap);
            a = Arrays.copyOf(a, cap);
            b = Arrays.copyOf(b, cap);
            c = Arrays.copyOf(c, cap);
            d = Arrays.copyOf(d, cap);
        }
        kind[size] = (byte) k.ordinal();
        a[size] = x;
        b[size] = y;
        c[size] = z;
        d[size] = w;
        size++;
    }

    public GemvLayout layout() {
        return layout;
    }

    public int batch() {
        return batch;
    }

    public int size() {
        return size;
    }

    /** MAC steps per rank unit. */
    public long macSteps() {
        return macSteps;
    }

    private static final StepKind[] KINDS = StepKind.values();

    public StepKind kind(int i) {
        return KINDS[kind[i]];
    }

    public int kindOrdinal(int i) {
        return kind[i];
    }

    public int a(int i) {
        return a[i];
    }

    public int b(int i) {
        return b[i];
    }

    public int c(int i) {
        return c[i];
    }

    /** MAC: the DRAM column of the open row. */
    public int d(int i) {
        return d[i];
    }

    /** Consecutive MAC steps from step i on (0 if step i is not a MAC). */
    public int macRun(int i) {
        return macRun[i];
    }

    /**
     * For a LOAD or READ step: the OPEN that follows it with only LOADs and READs between (the row
     * switch a channel may start while the buffer loads or the results read out), else -1.
     */
    public int nextOpen(int i) {
        return nextOpen[i];
    }

    /** True for the last READ of its block (the host then holds the block's results). */
    public boolean lastReadOfBlock(int i) {
        return i + 1 >= size || kind[i + 1] != StepKind.READ.ordinal() || a[i + 1] != a[i] || c[i + 1] != c[i];
    }
}
