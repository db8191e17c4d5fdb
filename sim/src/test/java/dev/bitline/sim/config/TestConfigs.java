package dev.bitline.sim.config;

import dev.bitline.sim.units.Bandwidth;
import dev.bitline.sim.units.BitRate;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import dev.bitline.sim.units.Frequency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records that exercise every binding rule; shared by the config tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    record Timing(Duration tRCD, Duration tRP, Duration tRAS, @Default("7.8us") Duration tREFI) {
        Timing {
            if (tRAS.ps() < tRCD.ps()) {
                throw new IllegalArgumentException("tRAS (" + tRAS + ") must be at least tRCD (" + tRCD + ")");
            }
        }
    }

    enum PagePolicy { OPEN, CLOSED, OPEN_ADAPTIVE }

    sealed interface Scheduler permits Fcfs, FrFcfs {
    }

    record Fcfs() implements Scheduler {
    }

    @ConfigName("fr-fcfs")
    record FrFcfs(@Default("16") @Range(min = 1) int cap) implements Scheduler {
    }

    record Dram(Frequency clock, @Range(min = 1, max = 16) int channels, DataSize capacity, PagePolicy policy,
                Timing timing, List<Integer> banks, Map<String, Bandwidth> links, Scheduler scheduler,
                @Default("true") boolean refresh, Optional<BitRate> pinRate) {
    }

    record Sys(String name, Dram dram, long seed, @Default("1.0") @Range(min = 0, max = 1) double load,
               Optional<Extra> extra) {
    }

    record Extra(@Default("3") int a, @Default("[]") List<String> tags) {
    }

    /** Small record for fuzzing: few keys, all kinds of value. */
    record Small(@Range(min = 0, max = 100) int n, Optional<Duration> t, @Default("x") String s, List<Boolean> flags) {
    }
}
