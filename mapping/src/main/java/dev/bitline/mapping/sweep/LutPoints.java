package dev.bitline.mapping.sweep;

import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.lut.ppa.TechTable;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the two LUT point runners share: the config kind and the PPA technology table it names. */
final class LutPoints {
    private LutPoints() {
    }

    static boolean accepts(ConfigNode.MapNode config) {
        return config.has("array");
    }

    static LutTensorCoreConfig bind(ConfigNode config) {
        return ConfigBinder.bind(config, LutTensorCoreConfig.class);
    }

    /** The technology table {@code ppa.tech} names, under the configs root. */
    static TechTable tech(ConfigLoader loader, ConfigNode config, LutTensorCoreConfig c) {
        String name = c.ppa().tech();
        Path p = c.techPath(loader);
        if (p == null || !Files.isRegularFile(p)) {
            throw new ConfigException(config.locationOf("ppa.tech"), "technology table '" + name + "' not found"
                    + (p == null ? " (no configs/ folder above the sweep file)" : " (looked for " + p + ")")
                    + " (expected a name under configs/, e.g. lut/tech/tsmc28)");
        }
        return loader.load(p, TechTable.class, List.of());
    }

    /** A run-section value the model rejected, located at its key. */
    static ConfigException bad(ConfigNode.MapNode run, String key, String message, String expected) {
        return new ConfigException(run.locationOf(key), message + " (expected " + expected + ")");
    }
}
