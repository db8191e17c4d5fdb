package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import java.util.List;
import java.util.stream.Collectors;

/** The simulations a sweep can run, one {@link PointRunner} each. */
public final class PointRunners {
    private PointRunners() {
    }

    /**
     * Every runner; for a config that several accept (a LUT config: GEMM or PPA) the first is the
     * default and {@code run.kind} picks another.
     */
    public static final List<PointRunner> ALL = List.of(
            new DramPoint(),
            new LutGemmPoint(),
            new LutPpaPoint(),
            new PimPoint(),
            new PipelinePoint(),
            new ModelPoint());

    /** By {@code run.kind}. */
    public static PointRunner byKind(ConfigNode.Scalar kind) {
        return ALL.stream().filter(r -> r.kind().equalsIgnoreCase(kind.text().strip())).findFirst()
                .orElseThrow(() -> new ConfigException(kind.location(), "unknown run kind " + kind.describe()
                        + " (expected one of: " + kinds() + ")"));
    }

    /** The first runner that reads {@code base}. */
    public static PointRunner forConfig(ConfigNode base) {
        if (base instanceof ConfigNode.MapNode m) {
            for (PointRunner r : ALL) {
                if (r.accepts(m)) {
                    return r;
                }
            }
        }
        throw new ConfigException(base.location(), "cannot tell what kind of config the sweep's base is (expected "
                + ALL.stream().map(PointRunner::describe).collect(Collectors.joining("; or ")) + ")");
    }

    public static String kinds() {
        return ALL.stream().map(PointRunner::kind).collect(Collectors.joining(", "));
    }
}
