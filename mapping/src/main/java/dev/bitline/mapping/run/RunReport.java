package dev.bitline.mapping.run;

import dev.bitline.mapping.schedule.Schedule;
import java.util.List;

/**
 * What a generation cost on one hardware: totals over every decode step, a row per operation
 * function and per layer, and the schedules of the first and last steps for inspection.
 *
 * @param model model name
 * @param compression spec name
 * @param hardware hardware name
 * @param workload batch, prompt, tokens
 * @param fast analytical estimates only (no cycle model)
 * @param simulatedPs total cycle-model time (the estimate where a unit has no cycle model, or with fast)
 * @param estimatedPs total analytical time
 * @param energyPj total energy
 * @param clockHz clock the cycle counts use
 * @param functions per operation function, summed over steps and layers
 * @param layers per block (index -1: embedding, final norm, LM head), summed over steps
 * @param first schedule of the first decode step
 * @param last schedule of the last decode step
 * @param simulations distinct cycle-model runs
 * @param reused operations that reused an identical earlier run
 */
public record RunReport(String model, String compression, String hardware, Workload workload, boolean fast,
        long simulatedPs, long estimatedPs, double energyPj, long clockHz, List<FunctionRow> functions,
        List<LayerRow> layers, Schedule first, Schedule last, long simulations, long reused) {

    /**
     * @param function e.g. {@code attn_qkv}, {@code score}, {@code softmax}
     * @param unit where it ran
     * @param perToken operations of this function per decode step
     * @param simulatedPs summed cycle-model time
     * @param estimatedPs summed estimate
     * @param movedBytes summed data movement
     * @param energyPj summed energy
     * @param cycleModel whether a cycle model timed it
     */
    public record FunctionRow(String function, String unit, long perToken, long simulatedPs, long estimatedPs,
            long movedBytes, double energyPj, boolean cycleModel) {}

    public record LayerRow(int layer, long simulatedPs, long estimatedPs, double energyPj) {}

    public long generated() {
        return (long) workload.batch() * workload.tokens();
    }

    /** Time per decode step (one token per sequence), seconds. */
    public double latencyPerToken() {
        return simulatedPs * 1e-12 / workload.tokens();
    }

    public double tokensPerSecond() {
        return generated() / (simulatedPs * 1e-12);
    }

    public double energyPerTokenJ() {
        return energyPj * 1e-12 / generated();
    }

    /** (estimate - cycle model) / cycle model over the whole run. */
    public double estimateError() {
        return simulatedPs == 0 ? 0 : (estimatedPs - simulatedPs) / (double) simulatedPs;
    }

    /** Whether any operation was timed by a cycle model (a GPU run has none). */
    public boolean cycleModelUsed() {
        return !fast && functions.stream().anyMatch(FunctionRow::cycleModel);
    }

    public long cycles() {
        return Math.round(simulatedPs * 1e-12 * clockHz);
    }
}
