package dev.bitline.mapping.compress;

import dev.bitline.mapping.compress.CompressionSpec.LayerOverride;
import dev.bitline.mapping.compress.CompressionSpec.LayerSpec;
import dev.bitline.mapping.compress.CompressionSpec.LowRank;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.quant.ActivationFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded compression spec together with its source tree, so that a problem found only when
 * the spec meets a model (a rank above the matrix size) is still reported at the file, line and
 * field that caused it.
 */
public final class Compression {
    private final CompressionSpec spec;
    private final ConfigNode tree;

    public Compression(CompressionSpec spec, ConfigNode tree) {
        this.spec = spec;
        this.tree = tree;
    }

    public static Compression load(ConfigLoader loader, Path file, List<String> overrides) {
        ConfigNode tree = loader.loadTree(file, overrides);
        return new Compression(ConfigBinder.bind(tree, CompressionSpec.class), tree);
    }

    /** fp16 everywhere: the uncompressed model. */
    public static Compression none() {
        ConfigNode tree = dev.bitline.sim.config.YamlTreeReader.parse(
                "name: fp16\ndefaults: {weights: {format: fp16}}\n", "<fp16>", 0);
        return new Compression(ConfigBinder.bind(tree, CompressionSpec.class), tree);
    }

    public CompressionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public ActivationFormat activations() {
        return spec.activations();
    }

    public int kvBits() {
        return spec.kvCache().bits();
    }

    /** Settings of one layer type: the defaults with the override's sections replacing theirs. */
    public LayerSpec layer(LayerType t) {
        LayerSpec d = spec.defaults();
        LayerOverride o = spec.layers().get(t);
        if (o == null) {
            return d;
        }
        return new LayerSpec(o.weights().orElse(d.weights()), o.lowRank().orElse(d.lowRank()),
                o.sparsity().orElse(d.sparsity()), o.outliers().orElse(d.outliers()));
    }

    /**
     * The compression of one N x K weight matrix of type {@code t}. A rank above min(N, K) is an
     * error at the field that set it.
     */
    public MatrixCompression resolve(LayerType t, int n, int k) {
        LayerSpec s = layer(t);
        LowRank lr = s.lowRank();
        int rank = 0;
        if (lr.enabled()) {
            int full = Math.min(n, k);
            boolean fromOverride = spec.layers().containsKey(t) && spec.layers().get(t).lowRank().isPresent();
            String base = fromOverride ? "layers." + t.key() + ".lowRank" : "defaults.lowRank";
            if (lr.rank().isPresent()) {
                rank = lr.rank().get();
                if (rank > full) {
                    ConfigNode.Location at = tree.locationOf(base + ".rank");
                    throw new ConfigException(at, "rank " + rank + " exceeds the " + t.key() + " matrix's min(N, K) = "
                            + full + " (" + n + " x " + k + ")");
                }
            } else {
                rank = (int) Math.ceil(lr.fraction().get() * full);
            }
        }
        int outlierCols = (int) Math.round(s.outliers().fraction() * k);
        return new MatrixCompression(s.weights(), rank, lr.streaming(), lr.streamTile(), s.sparsity(), outlierCols);
    }
}
