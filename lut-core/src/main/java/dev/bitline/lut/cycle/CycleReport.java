package dev.bitline.lut.cycle;

/**
 * Outcome of one simulated GEMM.
 *
 * <p>Stall cycles are summed over tiles: every tile-cycle of the run is exactly one of compute,
 * weight stall (waiting for weight planes from memory), table stall (waiting for tables:
 * precompute or reload), precompute phase (the unfused precompute operator runs before the GEMM)
 * or idle (the tile has finished its blocks). They add up to {@code tiles * cycles}.
 *
 * @param cycles total cycles, first request to last accumulation
 * @param clockHz core clock
 * @param tiles tiles simulated
 * @param usefulLookups M * N * ceil(K/k) * planes: lookups that produce real outputs
 * @param peakLookups tiles * tileM * tileN * cycles
 * @param precomputeCycles cycles of the unfused precompute phase (0 when fused)
 * @param computeTileCycles tile-cycles spent looking up and accumulating
 * @param weightStallTileCycles tile-cycles waiting for weights
 * @param tableStallTileCycles tile-cycles waiting for tables (re-precompute or reload)
 * @param precomputeTileCycles tile-cycles in the precompute phase
 * @param idleTileCycles tile-cycles after a tile's last block
 * @param bytesRead bytes read through the memory port
 * @param portBusyCycles cycles the port spent transferring
 * @param tablesResident whether all tables of the GEMM fit the table buffer (no reload)
 * @param weightsResident whether a column block's weights stay in the buffer across row blocks
 * @param tableProductions table sets produced in the GEMM phase (re-precompute/reload count)
 * @param events kernel events dispatched
 * @param maxTileComputeCycles compute cycles of the busiest tile (the compute lower bound)
 * @param portBoundCycles port busy cycles plus one latency (the memory lower bound; 0 if the port
 *     does not report its busy time)
 */
public record CycleReport(long cycles, long clockHz, int tiles, long usefulLookups, long peakLookups,
        long precomputeCycles, long computeTileCycles, long weightStallTileCycles, long tableStallTileCycles,
        long precomputeTileCycles, long idleTileCycles, long bytesRead, long portBusyCycles,
        boolean tablesResident, boolean weightsResident, long tableProductions, long events,
        long maxTileComputeCycles, long portBoundCycles) {

    public double seconds() {
        return cycles / (double) clockHz;
    }

    /** Useful lookups over peak lookups. */
    public double utilization() {
        return peakLookups == 0 ? 0 : usefulLookups / (double) peakLookups;
    }

    private double frac(long v) {
        long all = (long) tiles * cycles;
        return all == 0 ? 0 : v / (double) all;
    }

    public double computeFraction() {
        return frac(computeTileCycles);
    }

    public double weightStallFraction() {
        return frac(weightStallTileCycles);
    }

    public double tableStallFraction() {
        return frac(tableStallTileCycles);
    }

    public double precomputeFraction() {
        return frac(precomputeTileCycles);
    }

    public double idleFraction() {
        return frac(idleTileCycles);
    }

    /**
     * "memory-bound" when moving the operands through the port takes longer than the busiest tile's
     * compute (or, for ports that do not report busy time, when tiles wait for weights longer than
     * they compute), else "compute-bound".
     */
    public String bound() {
        boolean memory = portBoundCycles > 0 ? portBoundCycles > maxTileComputeCycles
                : weightStallTileCycles > computeTileCycles;
        return memory ? "memory-bound" : "compute-bound";
    }

    public double portUtilization() {
        return cycles == 0 ? 0 : portBusyCycles / (double) cycles;
    }
}
