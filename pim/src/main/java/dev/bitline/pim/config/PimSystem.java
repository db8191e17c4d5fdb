package dev.bitline.pim.config;

import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.pim.channel.PimIsa;
import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.mac.MacUnit;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded PIM device: its config, the resolved DRAM standard of its channels, the geometry the
 * mapping sees and the PIM commands its programs issue. A system that loads is usable: every
 * command its placement needs exists in the standard.
 */
public final class PimSystem {
    private final PimConfig config;
    private final DramSpec dram;
    private final Geometry geometry;
    private final PimIsa isa;
    private final ConfigNode tree; // the merged device tree it was bound from

    private PimSystem(ConfigNode tree, PimConfig config, DramSpec dram) {
        this.tree = tree;
        this.config = config;
        this.dram = dram;
        this.geometry = Geometry.of(dram.organization(), config.unit().placement());
        this.isa = PimIsa.of(dram, config.unit().placement());
        String mac = isa.mac().name();
        if (!dram.power().commands().containsKey(mac)) {
            throw new IllegalArgumentException("standard " + dram.name() + " prices no " + mac + " (power.commands." + mac
                    + ": the energy of one MAC command's column reads, which the " + config.unit().placement().name()
                    .toLowerCase().replace('_', '-') + " placement issues)");
        }
    }

    /** Loads {@code configs/pim/*.yaml} with {@code --set} overrides; errors are located ConfigExceptions. */
    public static PimSystem load(ConfigLoader loader, Path yaml, List<String> overrides) {
        return fromTree(loader.loadTree(yaml, overrides));
    }

    public static PimSystem load(Path yaml) {
        return load(ConfigLoader.forFile(yaml), yaml, List.of());
    }

    /** Binds and resolves an already merged tree. */
    public static PimSystem fromTree(ConfigNode tree) {
        PimConfig c = ConfigBinder.bind(tree, PimConfig.class);
        DramSpec spec = DramStandards.resolve(c.dram());
        // the units' clock limits how fast MAC commands may feed them: tMACU of the standard
        int unitCycles = (int) Math.ceil(1e12 / spec.tCKps() / c.unit().clock().hz() - 1e-9);
        if (unitCycles > spec.paramOr("tMACU", Integer.MAX_VALUE) && c.dram() instanceof ConfigNode.MapNode d
                && d.get("timing") instanceof ConfigNode.MapNode timing) {
            ConfigNode.Location at = timing.location();
            ConfigNode.MapNode t2 = timing.with("tMACU", at,
                    new ConfigNode.Scalar(Integer.toString(unitCycles), ConfigNode.ScalarType.INTEGER, at));
            spec = DramStandards.resolve(d.with("timing", d.entries().get("timing").keyLocation(), t2));
        }
        try {
            return new PimSystem(tree, c, spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.dram().location(), e.getMessage());
        }
    }

    /** The overlay that gives every bank a second, PIM-only row buffer (NeuPIMs). */
    public static final String DUAL_ROW_BUFFER_OVERLAY = "dram/pim/pim-dual-common.yaml";

    /**
     * This device with dual row buffers per bank (NeuPIMs): its standard with
     * {@code configs/dram/pim/pim-dual-common.yaml} merged on top, so the PIM commands work on a second
     * row buffer and the host's accesses proceed meanwhile. The device's own numbers are kept.
     *
     * @throws ConfigException if the device cannot run so (per-bank activation: the overlay has
     *     no single-bank PIM activate)
     */
    public PimSystem withDualRowBuffer(ConfigLoader loader) {
        if (isa.dualRowBuffer()) return this;
        if (config.unit().activateGranularity() == PimConfig.ActivateGranularity.PER_BANK) {
            throw new ConfigException(config.dram().location(), "dual row buffers need all-bank activates"
                    + " (unit.activateGranularity: per-bank opens rows one ACT at a time in the memory buffer)");
        }
        ConfigNode overlay = loader.loadTree(loader.configsRoot().resolve(DUAL_ROW_BUFFER_OVERLAY));
        if (!(tree instanceof ConfigNode.MapNode m) || !m.has("dram")) {
            throw new IllegalStateException("device tree without a dram section");
        }
        ConfigNode dram = ConfigLoader.merge(m.get("dram"), overlay);
        return fromTree(m.with("dram", m.entries().get("dram").keyLocation(), dram));
    }

    /** The refresh the stand-alone channels run: none, all-bank or per-bank (the config's refresh keys). */
    public dev.bitline.dram.controller.RefreshMode refreshMode() {
        if (!config.refresh()) return dev.bitline.dram.controller.RefreshMode.NONE;
        return config.refreshGranularity() == PimConfig.RefreshGranularity.PER_BANK
                ? dev.bitline.dram.controller.RefreshMode.PERBANK : dev.bitline.dram.controller.RefreshMode.ALLBANK;
    }

    public PimConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public DramSpec dram() {
        return dram;
    }

    public Geometry geometry() {
        return geometry;
    }

    public PimIsa isa() {
        return isa;
    }

    /** Precisions the units have a datapath for (the keys of energy.macPj). */
    public List<InputFormat> precisions() {
        return List.copyOf(config.energy().macPj().keySet());
    }

    /** Null if the unit computes {@code f}, else a one-line reason. */
    public String unsupported(InputFormat f) {
        if (!config.energy().macPj().containsKey(f)) {
            return "the " + config.name() + " MAC unit has no " + f.name().toLowerCase() + " datapath (it has "
                    + precisions().stream().map(p -> p.name().toLowerCase()).toList() + ")";
        }
        return null;
    }

    /** The MAC arithmetic for input format {@code f}; integer inputs accumulate in int32. */
    public MacUnit macUnit(InputFormat f) {
        String why = unsupported(f);
        if (why != null) throw new IllegalArgumentException(why);
        var u = config.unit();
        return f.isInteger()
                ? new MacUnit(f, dev.bitline.pim.mac.AccumulatorFormat.INT32, dev.bitline.pim.mac.AccumulatorFormat.INT32,
                        f.elementsPer(geometry.columnBytes()))
                : new MacUnit(f, u.product(), u.accumulator(), f.elementsPer(geometry.columnBytes()));
    }

    /** Bytes of one result register. */
    public int resultBytes(InputFormat f) {
        return f.isInteger() ? 4 : config.unit().accumulator().bytes();
    }

    /** Peak multiply-accumulates per second of all units: every unit takes one column per unit clock. */
    public double peakMacsPerSecond(InputFormat f) {
        return (double) geometry.totalUnits() * f.elementsPer(geometry.columnBytes()) * config.unit().clock().hz();
    }

    /** Channel-clock cycles per MAC command at the unit's peak rate. */
    public double peakCyclesPerMac() {
        return 1e12 / dram.tCKps() / config.unit().clock().hz();
    }

    /** Bank-to-unit bandwidth of the whole system at peak, bytes per second. */
    public double peakInternalBytesPerSecond() {
        return (double) geometry.totalUnits() * geometry.columnBytes() * config.unit().clock().hz();
    }
}
