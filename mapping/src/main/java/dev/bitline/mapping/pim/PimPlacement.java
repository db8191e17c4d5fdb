package dev.bitline.mapping.pim;

import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.mac.InputFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every matrix the PIM units multiply lives: the weights of each layer and the K and V
 * caches, each laid out by {@link GemvLayout} (matrix rows spread over every bank of the system,
 * channels fastest, so one GEMV keeps every unit busy) and given its own range of DRAM rows,
 * the same range in every bank. Ranges are dealt in order, back to back; a model whose ranges
 * run past the banks' rows does not fit.
 *
 * <p>The KV cache is placed the way PIM-GPT describes: K of each (layer, sequence, K/V head)
 * as a matrix whose rows are tokens (the score GEMV, k = headDim) and V transposed, rows =
 * head dimensions (the context GEMV, k = tokens), both sized for the longest context the run
 * reaches, so appending a token writes one row of K and one column of V in place. (The paper
 * does not publish its layout; this one is ours.)
 */
public final class PimPlacement {
    /**
     * One placed matrix.
     *
     * @param name tensor name ({@code L3.attn_qkv}, {@code L3.kv0.K})
     * @param layout its GEMV layout
     * @param firstRow first DRAM row of its range (in every bank)
     * @param rows DRAM rows per bank it owns
     */
    public record Region(String name, GemvLayout layout, long firstRow, long rows) {
        public long endRow() {
            return firstRow + rows;
        }
    }

    private final Geometry geometry;
    private final InputFormat format;
    private final int resultRegisters;
    private final int bufferElements;
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private long nextRow;

    public PimPlacement(Geometry geometry, InputFormat format, int resultRegisters, int bufferElements) {
        this.geometry = geometry;
        this.format = format;
        this.resultRegisters = resultRegisters;
        this.bufferElements = bufferElements;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** The layout a matrix of n x k gets (also for matrices that are not placed, e.g. to time them). */
    public GemvLayout layout(int n, int k) {
        return new GemvLayout(geometry, format, n, k, resultRegisters, bufferElements);
    }

    /**
     * Places an n x k matrix after the ones placed so far.
     *
     * @throws IllegalArgumentException naming the layout's problem if it has one (buffer too small)
     */
    public Region place(String name, int n, int k) {
        if (regions.containsKey(name)) {
            throw new IllegalArgumentException("tensor " + name + " placed twice");
        }
        GemvLayout l = layout(n, k);
        String problem = l.problem();
        if (problem != null && !problem.contains("does not fit the banks")) {
            throw new IllegalArgumentException(name + ": " + problem);
        }
        Region r = new Region(name, l, nextRow, l.dramRowsPerBank());
        nextRow += r.rows();
        regions.put(name, r);
        return r;
    }

    public Region region(String name) {
        Region r = regions.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no tensor " + name + " placed");
        }
        return r;
    }

    public List<Region> regions() {
        return Collections.unmodifiableList(new ArrayList<>(regions.values()));
    }

    /** DRAM rows per bank used. */
    public long rowsUsed() {
        return nextRow;
    }

    public boolean fits() {
        return nextRow <= geometry.rows();
    }

    /** Bytes of bank capacity the placement occupies (whole DRAM rows, every bank). */
    public long bytesUsed() {
        return nextRow * geometry.rowBytes() * (long) geometry.totalBanks();
    }
}
