package dev.bitline.dram.run;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.controller.Controller;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;

/**
 * What one DRAM run needs: the standard/part, the controller options and a seed. Read from one
 * YAML file: a standard preset (or a file that {@code extends:} one) plus two optional sections,
 *
 * <pre>
 * extends: dram/ddr4-2400-8gb-x8
 * controller:            # parts by kind (ControllerParts) and/or flat ControllerConfig keys;
 *   queues: {kind: shared, depth: 32}      # the rest keep ControllerConfig.defaults()
 *   scheduler: {kind: frfcfs}
 *   addressMapping: ro-ch-ra-ba-bg-co
 * seed: 1                # for synthetic traffic
 * </pre>
 *
 * so a plain preset ({@code configs/dram/ddr4-3200-8gb-x8.yaml}) is a valid run config too (the
 * controller then takes {@link ControllerConfig#defaults()} with mapping {@link #DEFAULT_MAPPING}).
 * {@code --set controller.rowPolicy.kind=closed}, {@code --set controller.pagePolicy=closed} and
 * {@code --set timing.tRCD=20} all work.
 *
 * @param spec the resolved standard
 * @param controller controller options
 * @param seed seed of the run's random streams
 */
public record DramRunConfig(DramSpec spec, ControllerConfig controller, long seed) {

    /**
     * Loads {@code yaml} with the loader of {@link ConfigLoader#forFile}.
     *
     * @throws ConfigException "file:line:col: message (expected ...)" for any bad input
     */
    public static DramRunConfig load(Path yaml, List<String> overrides) {
        return fromTree(ConfigLoader.forFile(yaml).loadTree(yaml, overrides));
    }

    /** Binds an already loaded (extends and overrides resolved) tree. */
    public static DramRunConfig fromTree(ConfigNode tree) {
        if (!(tree instanceof ConfigNode.MapNode root)) {
            throw new ConfigException(tree.location(), "a DRAM config is " + tree.describe()
                    + " (expected a map with organization, timing, constraints, power, optional controller)");
        }
        // The defaults' mapping plus the pseudo-channel field (0 bits where there are none), so a
        // plain preset of any standard (HBM included) runs without a controller section.
        ControllerConfig cc = ControllerConfig.defaults().withAddressMapping(DEFAULT_MAPPING);
        ConfigNode c = root.get("controller");
        cc = ControllerParts.resolve(c, cc); // flat keys and part sections chosen by kind:
        long seed = 1;
        ConfigNode s = root.get("seed");
        if (s != null) {
            seed = ConfigBinder.bind(s, Long.class);
        }
        DramSpec spec = DramStandards.resolve(root.without("controller").without("seed"));
        try {
            // The address mapping and the controller check that the options fit the standard
            // (mapping fields, refresh and power-down commands); report a misfit as a config
            // error, not at run time. One channel's controller is enough: channels are identical.
            AddressMapping map = new AddressMapping(spec.organization(), cc.addressMapping(), cc.xorBankWithRow());
            new Controller(spec, cc, 0, map, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c != null ? c.location() : root.location(), e.getMessage()
                    + " (expected controller options that fit " + spec.name() + ")");
        }
        return new DramRunConfig(spec, cc, seed);
    }

    /** Default address mapping, MSB to LSB: Ramulator's RoBaRaCoCh with bank groups and pseudo-channels. */
    public static final String DEFAULT_MAPPING = "ro-ba-bg-ra-pc-co-ch";
}
