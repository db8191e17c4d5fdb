package dev.bitline.lut.cycle;

import java.util.Optional;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.SignBit;
import dev.bitline.lut.functional.TablePrecision;
import dev.bitline.lut.ppa.BufferSizes;
import dev.bitline.lut.ppa.FpAccumulate;
import dev.bitline.lut.ppa.LutDesign;
import dev.bitline.lut.ppa.MacDesign;
import dev.bitline.lut.ppa.TableStorage;
import dev.bitline.lut.ppa.TechTable;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.InputException;
import dev.bitline.sim.quant.WeightFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.units.Bandwidth;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import dev.bitline.sim.units.Frequency;

/**
 * A LUT tensor core as configured in {@code configs/lut/*.yaml}: array, tables, precompute,
 * buffers, memory port (cycle model) and the PPA section. Keys are the component names.
 *
 * @param name printed in reports
 */
public record LutTensorCoreConfig(
        String name,
        Array array,
        Tables tables,
        Precompute precompute,
        Buffers buffers,
        Memory memory,
        Ppa ppa) {

    /**
     * @param clock core clock
     * @param tile tile shape M x N x K (LUT Tensor Core: M2 N64 K4)
     * @param tiles tiles (tensor-core arrays) working in parallel
     * @param maxWeightBits widest weight the array handles (weight registers, shifters)
     */
    public record Array(Frequency clock, Tile tile, @Range(min = 1, max = 1 << 16) int tiles,
            @Range(min = 1, max = 8) int maxWeightBits) {}

    /** Tile shape; k is also the table group size g. */
    public record Tile(@Range(min = 1, max = 1024) int m, @Range(min = 1, max = 4096) int n,
            @Range(min = 1, max = 8) int k) {}

    /**
     * @param symmetric weight reinterpretation: 2^(k-1) entries per table
     * @param signBit which index bit is the sign (top, as in the paper's equations, or bit0, as in the authors' RTL)
     * @param precision stored entry format (exact, int8, fp16, fp32)
     */
    public record Tables(@Default("true") boolean symmetric, @Default("top") SignBit signBit,
            @Default("exact") TablePrecision precision) {}

    /**
     * @param fused tables are produced by the previous operator (LUT Tensor Core's operator fusion):
     *     no precompute cycles on this GEMM's critical path
     * @param tablesPerCycle tables the precompute unit finishes per cycle
     * @param latencyCycles precompute pipeline latency
     */
    public record Precompute(boolean fused, @Default("1") @Range(min = 1) int tablesPerCycle,
            @Default("0") @Range(min = 0) int latencyCycles) {}

    /**
     * @param tableBuffer table buffer per tile
     * @param weightBuffer weight buffer per tile
     * @param weightChunkK K elements per weight fetch (multiple of tile.k)
     * @param doubleBuffer overlap the next fetch / table production with compute
     */
    public record Buffers(DataSize tableBuffer, DataSize weightBuffer, @Range(min = 1) int weightChunkK,
            @Default("true") boolean doubleBuffer) {
        public Buffers {
            if (tableBuffer != null && tableBuffer.bytes() < 1) {
                throw new IllegalArgumentException("buffers.tableBuffer is " + tableBuffer + " (expected at least 1 B)");
            }
            if (weightBuffer != null && weightBuffer.bytes() < 1) {
                throw new IllegalArgumentException("buffers.weightBuffer is " + weightBuffer + " (expected at least 1 B)");
            }
        }
    }

    /**
     * The memory port shared by all tiles: either a fixed-bandwidth pipe ({@code bandwidth},
     * {@code latency}) or a cycle-accurate DRAM system ({@code dram}; {@code latency} is then the
     * one-way interconnect latency in front of it). Exactly one of the two.
     */
    public record Memory(Optional<Bandwidth> bandwidth, @Default("0ns") Duration latency, Optional<Dram> dram) {
        public Memory {
            if (bandwidth.isPresent() == dram.isPresent()) {
                throw new IllegalArgumentException("memory needs exactly one of 'bandwidth' (fixed port) and 'dram' (DRAM preset)");
            }
            if (bandwidth.isPresent() && !(bandwidth.get().bytesPerSecond() > 0)) {
                throw new IllegalArgumentException("memory.bandwidth is " + bandwidth.get() + " (expected > 0, e.g. 256GB/s)");
            }
        }
    }

    /**
     * Operands from a DRAM preset through the cycle-accurate controller.
     *
     * @param standard DRAM preset: a name under configs/dram/ (e.g. hbm2-2gbps) or a path
     * @param credits requests that may be outstanding between the array and the controller
     * @param addressMapping controller address mapping, MSB to LSB (e.g. ro-ba-bg-ra-co-pc-ch for
     *     HBM); absent: the controller's default
     */
    public record Dram(String standard, @Default("64") @Range(min = 1, max = 1 << 20) int credits,
            Optional<String> addressMapping) {}

    /**
     * @param tech process-node parameter table, a path under configs/ (".yaml" optional)
     * @param tableStorage flip-flops or latches for table entries
     * @param negationEliminated no per-cell negator (index flip offline, sign applied in the accumulator)
     * @param intAccBits accumulator width for integer activations (LUT and MAC)
     * @param fpAccumulate accumulation precision for float activations (LUT and MAC)
     * @param mac the dequantize + MAC baseline's dot-product shape
     * @param includeBuffers also count the SRAM buffers (buffers.tableBuffer / weightBuffer, the
     *     same capacities for the MAC array's activation / weight buffers); off for the array-level
     *     comparison the paper makes
     */
    public record Ppa(String tech, @Default("dff") TableStorage tableStorage,
            @Default("true") boolean negationEliminated, @Default("32") @Range(min = 8, max = 64) int intAccBits,
            @Default("fp16") FpAccumulate fpAccumulate, Mac mac, @Default("false") boolean includeBuffers) {}

    /** MAC baseline: rows sharing a weight, dot-product length (A100-like 8 and 16). */
    public record Mac(@Range(min = 1) int m, @Range(min = 1) int k) {}

    public LutTensorCoreConfig {
        if (buffers != null && array != null && buffers.weightChunkK() % array.tile().k() != 0) {
            throw new IllegalArgumentException("buffers.weightChunkK=" + buffers.weightChunkK()
                    + " must be a multiple of array.tile.k=" + array.tile().k());
        }
        if (ppa != null && tables != null && ppa.negationEliminated() && !tables.symmetric()) {
            throw new IllegalArgumentException("ppa.negationEliminated needs tables.symmetric (no negation exists otherwise)");
        }
    }

    /**
     * Null if this array can run a GEMM with weights {@code wf} quantized in groups of {@code
     * groupSize} along K, else why not, naming the config key that limits it.
     */
    public String gemmUnsupported(WeightFormat wf, int groupSize) {
        if (wf.planes() > array.maxWeightBits()) {
            return wf.name() + " has " + wf.planes() + " bit-planes, the array handles at most "
                    + array.maxWeightBits() + " (array.maxWeightBits)";
        }
        if (groupSize < 1 || groupSize % array.tile().k() != 0) {
            return "group size " + groupSize + " must be a positive multiple of the tile k=" + array.tile().k() + " (array.tile.k)";
        }
        return null;
    }

    /**
     * The process-node table {@code ppa.tech} names, resolved under {@code loader}'s configs root.
     *
     * @throws InputException when there is no configs root or no such table
     */
    public TechTable loadTech(ConfigLoader loader) {
        Path p = techPath(loader);
        if (p == null) {
            throw new InputException("ppa.tech '" + ppa.tech() + "': no configs/ directory found above the config file to resolve it");
        }
        if (!Files.isRegularFile(p)) {
            throw new InputException("ppa.tech '" + ppa.tech() + "' not found (looked for " + p + ")");
        }
        return loader.load(p, TechTable.class, java.util.List.of());
    }

    /**
     * The file {@code ppa.tech} names under {@code loader}'s configs root ({@code .yaml} added when
     * missing), whether or not it exists; null when there is no configs root. Callers that report
     * a missing table in their own terms (a sweep file's location, a hardware preset) share this rule.
     */
    public Path techPath(ConfigLoader loader) {
        Path root = loader.configsRoot();
        String t = ppa.tech();
        return root == null ? null : root.resolve(t.endsWith(".yaml") ? t : t + ".yaml");
    }

    /** Functional-model parameters: g = tile k. */
    public LutConfig lutConfig() {
        return new LutConfig(array.tile().k(), tables.symmetric(), tables.signBit(), tables.precision());
    }

    /** Cycle-model parameters in cycles and bytes, for the fixed-bandwidth port. */
    public ArrayParams arrayParams() {
        return arrayParams(memory.bandwidth().orElseThrow(() -> new IllegalStateException(
                "memory.dram is set: pass the DRAM's peak bandwidth to arrayParams(double)")).bytesPerSecond());
    }

    /**
     * Cycle-model parameters with the port's bandwidth given by the caller (the DRAM's peak when
     * memory.dram is set: then it is only reported, the DRAM model does the timing).
     */
    public ArrayParams arrayParams(double portBytesPerSecond) {
        long hz = array.clock().hz();
        double bytesPerCycle = portBytesPerSecond / hz;
        long latency = memory.latency().cyclesCeil(array.clock());
        return new ArrayParams(hz, array.tile().m(), array.tile().n(), array.tile().k(), array.tiles(),
                precompute.fused(), precompute.tablesPerCycle(), precompute.latencyCycles(),
                buffers.tableBuffer().bytes(), buffers.weightBuffer().bytes(), buffers.weightChunkK(),
                buffers.doubleBuffer(), bytesPerCycle, latency);
    }

    /** The PPA model's view of one tile. */
    public LutDesign lutDesign() {
        return new LutDesign(array.tile().m(), array.tile().n(), array.tile().k(), array.maxWeightBits(),
                tables.symmetric(), ppa.negationEliminated(), precompute.fused(), ppa.tableStorage(),
                tables.precision() == TablePrecision.INT8, ppa.intAccBits(), ppa.fpAccumulate());
    }

    /** Buffers for the PPA model, or null when {@code ppa.includeBuffers} is off. */
    public BufferSizes bufferSizes() {
        return ppa.includeBuffers() ? new BufferSizes(buffers.tableBuffer().bytes(), buffers.weightBuffer().bytes()) : null;
    }

    public MacDesign macDesign() {
        return new MacDesign(ppa.mac().m(), ppa.mac().k(), ppa.intAccBits(), ppa.fpAccumulate());
    }
}
