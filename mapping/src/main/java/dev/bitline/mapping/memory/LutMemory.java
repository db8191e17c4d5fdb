package dev.bitline.mapping.memory;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.lut.cycle.ArrayParams;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.cycle.MemoryPort;
import dev.bitline.sim.Component;
import dev.bitline.sim.Simulator;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * Chooses the LUT array's operand source from its config: the fixed port that
 * lut-core builds itself, or a DRAM preset run by the cycle-accurate controller.
 *
 * @param params      the array's cycle parameters (port bandwidth = the DRAM's peak when DRAM-backed)
 * @param portFactory null for the fixed port, else makes a {@link DramMemoryPort}
 * @param description one line for reports
 */
public record LutMemory(ArrayParams params, BiFunction<Simulator, Component, MemoryPort> portFactory,
                        String description) {

    public static LutMemory of(LutTensorCoreConfig c, Path configsRoot) {
        LutTensorCoreConfig.Memory m = c.memory();
        if (m.dram().isEmpty()) {
            return new LutMemory(c.arrayParams(), null,
                    "fixed port " + m.bandwidth().orElseThrow() + ", latency " + m.latency());
        }
        LutTensorCoreConfig.Dram d = m.dram().get();
        DramSpec spec = DramStandards.preset(configsRoot, d.standard());
        // one system per run: the factory is called once by the array simulation
        ControllerConfig cc = d.addressMapping().map(ControllerConfig.defaults()::withAddressMapping)
                .orElse(ControllerConfig.defaults());
        double peak = spec.peakBandwidthBytesPerSecond();
        long latencyPs = m.latency().ps();
        BiFunction<Simulator, Component, MemoryPort> factory = (sim, parent) ->
                new DramMemoryPort(sim, "mem", parent, new DramSystem(spec, cc, null), d.credits(), latencyPs, false);
        return new LutMemory(c.arrayParams(peak), factory, String.format(
                "DRAM %s (%d channel(s), peak %.1f GB/s, mapping %s), %d credits, link latency %s",
                spec.name(), spec.organization().channels(), peak / 1e9, cc.addressMapping(), d.credits(), m.latency()));
    }
}
