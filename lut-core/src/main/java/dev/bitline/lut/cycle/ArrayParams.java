package dev.bitline.lut.cycle;

/**
 * Timing parameters of a LUT tensor-core array, in cycles and bytes (what the cycle model needs;
 * built from the YAML config by {@link LutTensorCoreConfig#arrayParams()}).
 *
 * @param clockHz core clock
 * @param tileM rows per tile (one table per row per k-group)
 * @param tileN columns per tile (weight vectors sharing a row's table)
 * @param tileK activations per table (k-group)
 * @param tiles tiles (cores) working in parallel on different column blocks
 * @param precomputeFused tables come from the previous operator, already in the table buffer
 * @param tablesPerCycle tables the precompute unit finishes per cycle (per tile)
 * @param precomputeLatency pipeline latency of the precompute unit, cycles
 * @param tableBufferBytes table buffer per tile
 * @param weightBufferBytes weight buffer per tile
 * @param weightChunkK K elements per weight fetch (a multiple of tileK)
 * @param doubleBuffer fetch the next chunk (and next tables) while computing the current one
 * @param portBytesPerCycle memory port bandwidth, bytes per core cycle (shared by all tiles)
 * @param portLatencyCycles memory port latency, core cycles
 */
public record ArrayParams(long clockHz, int tileM, int tileN, int tileK, int tiles,
        boolean precomputeFused, int tablesPerCycle, int precomputeLatency,
        long tableBufferBytes, long weightBufferBytes, int weightChunkK, boolean doubleBuffer,
        double portBytesPerCycle, long portLatencyCycles) {

    public ArrayParams {
        if (clockHz <= 0) {
            throw new IllegalArgumentException("clock must be positive");
        }
        if (tileM < 1 || tileN < 1 || tileK < 1 || tileK > 8) {
            throw new IllegalArgumentException("tile m, n >= 1 and k in 1..8, got " + tileM + "x" + tileN + "x" + tileK);
        }
        if (tiles < 1) {
            throw new IllegalArgumentException("tiles must be >= 1, got " + tiles);
        }
        if (tablesPerCycle < 1 || precomputeLatency < 0) {
            throw new IllegalArgumentException("precompute tablesPerCycle >= 1 and latency >= 0");
        }
        if (weightChunkK < tileK || weightChunkK % tileK != 0) {
            throw new IllegalArgumentException("weightChunkK must be a positive multiple of tile k=" + tileK + ", got " + weightChunkK);
        }
        if (tableBufferBytes < 1 || weightBufferBytes < 1) {
            throw new IllegalArgumentException("buffers must be at least 1 byte");
        }
        if (!(portBytesPerCycle > 0) || portLatencyCycles < 0) {
            throw new IllegalArgumentException("port bandwidth > 0 and latency >= 0");
        }
    }

    public ArrayParams withPrecomputeFused(boolean fused) {
        return new ArrayParams(clockHz, tileM, tileN, tileK, tiles, fused, tablesPerCycle, precomputeLatency,
                tableBufferBytes, weightBufferBytes, weightChunkK, doubleBuffer, portBytesPerCycle, portLatencyCycles);
    }

    public ArrayParams withTiles(int n) {
        return new ArrayParams(clockHz, tileM, tileN, tileK, n, precomputeFused, tablesPerCycle, precomputeLatency,
                tableBufferBytes, weightBufferBytes, weightChunkK, doubleBuffer, portBytesPerCycle, portLatencyCycles);
    }

    public ArrayParams withPort(double bytesPerCycle, long latencyCycles) {
        return new ArrayParams(clockHz, tileM, tileN, tileK, tiles, precomputeFused, tablesPerCycle, precomputeLatency,
                tableBufferBytes, weightBufferBytes, weightChunkK, doubleBuffer, bytesPerCycle, latencyCycles);
    }

    public ArrayParams withBuffers(long tableBytes, long weightBytes, int chunkK, boolean dbl) {
        return new ArrayParams(clockHz, tileM, tileN, tileK, tiles, precomputeFused, tablesPerCycle, precomputeLatency,
                tableBytes, weightBytes, chunkK, dbl, portBytesPerCycle, portLatencyCycles);
    }
}
