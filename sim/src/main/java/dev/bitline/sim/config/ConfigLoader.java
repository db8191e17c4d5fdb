package dev.bitline.sim.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Loads a config: reads YAML into a located tree, resolves {@code extends:} presets,
 * applies {@code --set} overrides, and binds the result into a record.
 *
 * <pre>{@code
 * ConfigLoader loader = new ConfigLoader(Path.of("configs"));
 * SystemConfig c = loader.load(Path.of("my.yaml"), SystemConfig.class, List.of("dram.channels=2"));
 * }</pre>
 *
 * <p><b>extends.</b> A map (the top level, or any nested map) may say
 * {@code extends: dram/ddr4-3200} (or a list of presets, later ones winning). The name
 * is looked up first relative to the directory of the file that says it, then relative
 * to the configs root; ".yaml" (or ".yml") may be left out. Maps merge key by key with
 * the including file winning; lists and scalars are replaced whole; {@code key: null}
 * resets an inherited value (to its default, or empty for Optional). A preset that
 * extends itself, directly or not, is an error naming the chain.
 *
 * <p><b>--set.</b> {@code path.to.key=value} overrides, applied in order after merging.
 * The value is YAML ({@code 2}, {@code foo}, {@code "14ns"}, {@code [1, 2]},
 * {@code {a: 1}}) and replaces what was there; a numeric segment indexes into a list.
 * Errors in an override are located in the pseudo-file {@code <--set path.to.key>},
 * line 1, with the column counted in the whole {@code path.to.key=value} argument.
 */
public final class ConfigLoader {

    /** The key that names presets to inherit; consumed here, never seen by binding. */
    public static final String EXTENDS = "extends";

    private final Path configsRoot;

    /** @param configsRoot the repository's {@code configs/} directory; may be null (then only relative presets). */
    public ConfigLoader(Path configsRoot) {
        this.configsRoot = configsRoot == null ? null : configsRoot.toAbsolutePath().normalize();
    }

    /** A loader whose configs root is found by {@link #findConfigsRoot(Path)} from {@code start}. */
    public static ConfigLoader near(Path start) {
        return new ConfigLoader(findConfigsRoot(start).orElse(null));
    }

    /**
     * The loader for {@code configFile} when the user names no configs root: the nearest {@code
     * configs/} above the file, else {@code $BITLINE_HOME/configs} (the launcher sets it, so a
     * config copied anywhere still finds the presets it extends; the system property {@code
     * bitline.home} wins over the variable), else none. Every command resolves its config this way
     * ({@code --configs DIR}, where a command has it, replaces the search).
     */
    public static ConfigLoader forFile(Path configFile) {
        Optional<Path> near = findConfigsRoot(configFile.toAbsolutePath().getParent());
        if (near.isPresent()) {
            return new ConfigLoader(near.get());
        }
        String home = System.getProperty("bitline.home", System.getenv("BITLINE_HOME"));
        if (home != null && Files.isDirectory(Path.of(home, "configs"))) {
            return new ConfigLoader(Path.of(home, "configs"));
        }
        return new ConfigLoader(null);
    }

    /** The configs root, or null if none. */
    public Path configsRoot() {
        return configsRoot;
    }

    /** Loads, merges, overrides and binds. Throws {@link ConfigException} for any bad input. */
    public <T extends Record> T load(Path file, Class<T> type, List<String> overrides) {
        return ConfigBinder.bind(loadTree(file, overrides), type);
    }

    public <T extends Record> T load(Path file, Class<T> type) {
        return load(file, type, List.of());
    }

    /** The merged tree with overrides applied, before binding (what {@link #toYaml(ConfigNode)} dumps). */
    public ConfigNode loadTree(Path file, List<String> overrides) {
        ConfigNode tree = readTree(file, display(file), new ArrayList<>(), new ArrayList<>(), null,
                trees(file.toAbsolutePath().normalize().getParent()));
        return applyOverrides(tree, overrides == null ? List.of() : overrides);
    }

    public ConfigNode loadTree(Path file) {
        return loadTree(file, List.of());
    }

    /**
     * Resolves the {@code extends:} keys of a tree that is already in memory (a config
     * embedded in another file, such as a sweep's base after its axes are set), looking
     * presets up relative to {@code dir} and then the configs root.
     */
    public ConfigNode resolve(ConfigNode tree, Path dir) {
        Path d = dir == null ? null : dir.toAbsolutePath().normalize();
        return resolveExtends(tree, d, new ArrayList<>(), new ArrayList<>(), trees(d));
    }

    /**
     * For simple data files: reads, resolves {@code extends:} (configs root found by
     * {@link #findConfigsRoot(Path)} from the file), and binds into any supported type,
     * records or not.
     */
    public static <T> T loadValue(Path file, Class<T> type) {
        return ConfigBinder.bind(near(file).loadTree(file), type);
    }

    /**
     * Walks up from {@code start} (a file or directory; null means the working directory)
     * and returns the first {@code configs/} directory found in it or an ancestor, so the
     * CLI works from the repository root, a sub-directory, or with a path to a config file.
     */
    public static Optional<Path> findConfigsRoot(Path start) {
        Path p = (start == null ? Path.of("") : start).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            p = p.getParent();
        }
        while (p != null) {
            Path c = p.resolve("configs");
            if (Files.isDirectory(c)) {
                return Optional.of(c);
            }
            p = p.getParent();
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- extends

    /**
     * The folder trees presets may come from: the top-level config's folder and the configs
     * root, as real paths. {@code extends: ../../../../etc/passwd} must not read (and so
     * never echo) a file outside them.
     */
    private List<Path> trees(Path topDir) {
        List<Path> trees = new ArrayList<>(2);
        for (Path p : new Path[] {topDir, configsRoot}) {
            if (p != null) {
                trees.add(realOrSelf(p));
            }
        }
        return trees;
    }

    private static Path realOrSelf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | RuntimeException e) {
            return abs;
        }
    }

    private ConfigNode readTree(Path file, String name, List<Path> chain, List<String> chainNames,
                                ConfigNode.Location includedAt, List<Path> trees) {
        Path abs = file.toAbsolutePath().normalize();
        Path real = realOrSelf(abs);
        int seen = chain.indexOf(real);
        if (seen >= 0) {
            StringBuilder sb = new StringBuilder("extends cycle: ");
            for (int i = seen; i < chainNames.size(); i++) {
                sb.append(chainNames.get(i)).append(" -> ");
            }
            sb.append(name).append(" (expected presets that do not extend each other)");
            throw new ConfigException(includedAt, sb.toString());
        }
        ConfigNode node = YamlTreeReader.read(file, name);
        chain.add(real);
        chainNames.add(name);
        try {
            Path dir = abs.getParent();
            return resolveExtends(node, dir, chain, chainNames, trees);
        } finally {
            chain.remove(chain.size() - 1);
            chainNames.remove(chainNames.size() - 1);
        }
    }

    private ConfigNode resolveExtends(ConfigNode n, Path dir, List<Path> chain, List<String> chainNames,
                                      List<Path> trees) {
        if (n instanceof ConfigNode.ListNode l) {
            List<ConfigNode> items = new ArrayList<>(l.items().size());
            for (ConfigNode item : l.items()) {
                items.add(resolveExtends(item, dir, chain, chainNames, trees));
            }
            return new ConfigNode.ListNode(items, l.location());
        }
        if (!(n instanceof ConfigNode.MapNode m)) {
            return n;
        }
        LinkedHashMap<String, ConfigNode.Entry> own = new LinkedHashMap<>();
        for (ConfigNode.Entry e : m.entries().values()) {
            if (!e.key().equals(EXTENDS)) {
                own.put(e.key(), new ConfigNode.Entry(e.key(), e.keyLocation(), resolveExtends(e.value(), dir, chain, chainNames, trees)));
            }
        }
        ConfigNode.MapNode child = new ConfigNode.MapNode(own, m.location());
        ConfigNode ext = m.get(EXTENDS);
        if (ext == null) {
            return child;
        }
        List<ConfigNode.Scalar> names = new ArrayList<>();
        String expected = "(expected a preset name like \"dram/ddr4-3200\" or a list of them)";
        if (ext instanceof ConfigNode.Scalar s && !s.isNull()) {
            names.add(s);
        } else if (ext instanceof ConfigNode.ListNode l && !l.items().isEmpty()) {
            for (ConfigNode item : l.items()) {
                if (!(item instanceof ConfigNode.Scalar s) || s.isNull()) {
                    throw new ConfigException(item.location(), "bad preset name " + item.describe() + " " + expected);
                }
                names.add(s);
            }
        } else {
            throw new ConfigException(ext.location(), "bad extends value " + ext.describe() + " " + expected);
        }
        ConfigNode base = null;
        for (ConfigNode.Scalar s : names) {
            Path preset = resolvePreset(s, dir, trees);
            ConfigNode parent = readTree(preset, display(preset), chain, chainNames, s.location(), trees);
            if (!(parent instanceof ConfigNode.MapNode)) {
                throw new ConfigException(s.location(), "preset " + ConfigText.quote(s.text()) + " is " + parent.describe()
                        + " (expected a preset whose top level is a map)");
            }
            base = base == null ? parent : merge(base, parent);
        }
        return merge(base, child);
    }

    /**
     * The file a preset name (as {@code extends:} writes it) names: relative to {@code dir}, then
     * to the configs root; a located ConfigException if neither has it.
     */
    public Path presetFile(ConfigNode.Scalar name, Path dir) {
        Path d = dir == null ? null : dir.toAbsolutePath().normalize();
        return resolvePreset(name, d, trees(d));
    }

    private Path resolvePreset(ConfigNode.Scalar s, Path dir, List<Path> trees) {
        String name = s.text().strip();
        List<String> candidates = name.endsWith(".yaml") || name.endsWith(".yml")
                ? List.of(name) : List.of(name + ".yaml", name + ".yml", name);
        List<Path> bases = new ArrayList<>();
        if (dir != null) {
            bases.add(dir);
        }
        if (configsRoot != null) {
            bases.add(configsRoot);
        }
        if (!name.isEmpty()) {
            for (Path b : bases) {
                for (String c : candidates) {
                    try {
                        Path p = b.resolve(c);
                        if (Files.isRegularFile(p)) {
                            return inside(s, p, trees);
                        }
                    } catch (InvalidPathException e) {
                        throw new ConfigException(s.location(), "preset name " + s.describe()
                                + " is not a valid path (expected a preset name like \"dram/ddr4-3200\")");
                    }
                }
            }
        }
        StringBuilder where = new StringBuilder("(expected a file ").append(candidates.get(0)).append(" in ");
        where.append(dir == null ? "the including file's directory" : display(dir));
        if (configsRoot != null) {
            where.append(" or in the configs root ").append(display(configsRoot));
        }
        throw new ConfigException(s.location(), "cannot find preset " + s.describe() + " " + where + ")");
    }

    /** {@code p} if it lies in one of {@code trees}; else an error that names the preset, not its content. */
    private Path inside(ConfigNode.Scalar s, Path p, List<Path> trees) {
        Path real = realOrSelf(p);
        for (Path t : trees) {
            if (real.startsWith(t)) {
                return p;
            }
        }
        StringBuilder where = new StringBuilder();
        for (Path t : trees) {
            where.append(where.length() == 0 ? "" : " or ").append(display(t));
        }
        throw new ConfigException(s.location(), "preset " + s.describe() + " lies outside the config's folder and the"
                + " configs root (expected a preset inside " + where + ")");
    }

    /**
     * Deep merge: maps merge key by key ({@code child} wins, base keys keep their place,
     * new keys are appended); anything else in {@code child} replaces {@code base}.
     */
    public static ConfigNode merge(ConfigNode base, ConfigNode child) {
        if (base instanceof ConfigNode.MapNode bm && child instanceof ConfigNode.MapNode cm) {
            LinkedHashMap<String, ConfigNode.Entry> out = new LinkedHashMap<>(bm.entries());
            for (ConfigNode.Entry e : cm.entries().values()) {
                ConfigNode.Entry prev = out.get(e.key());
                if (prev != null && prev.value() instanceof ConfigNode.MapNode && e.value() instanceof ConfigNode.MapNode) {
                    out.put(e.key(), new ConfigNode.Entry(e.key(), e.keyLocation(), merge(prev.value(), e.value())));
                } else {
                    out.put(e.key(), e);
                }
            }
            return new ConfigNode.MapNode(out, cm.location());
        }
        return child;
    }

    // ---------------------------------------------------------------- --set

    /** Applies {@code path.to.key=value} overrides in order. */
    public static ConfigNode applyOverrides(ConfigNode tree, List<String> overrides) {
        ConfigNode t = tree;
        for (String o : overrides) {
            t = applyOverride(t, o);
        }
        return t;
    }

    private record Segment(String name, ConfigNode.Location location) {
    }

    /** Applies one {@code path.to.key=value} override. */
    public static ConfigNode applyOverride(ConfigNode tree, String override) {
        int eq = override.indexOf('=');
        String path = eq < 0 ? override : override.substring(0, eq);
        String label = "<--set " + path + ">";
        if (eq < 0) {
            throw new ConfigException(label, 1, override.length() + 1, "missing '=' (expected --set path.to.key=value)");
        }
        List<Segment> segs = new ArrayList<>();
        int start = 0;
        while (true) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? path.length() : dot;
            String seg = path.substring(start, end);
            if (seg.isBlank()) {
                throw new ConfigException(label, 1, start + 1, "empty key in path " + ConfigText.quote(path)
                        + " (expected --set path.to.key=value)");
            }
            segs.add(new Segment(seg.strip(), new ConfigNode.Location(label, 1, start + 1)));
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        ConfigNode value = YamlTreeReader.parse(override.substring(eq + 1), label, eq + 1);
        if (value == null) {
            value = ConfigNode.Scalar.ofNull(new ConfigNode.Location(label, 1, eq + 2));
        }
        return set(tree, segs, 0, value, path);
    }

    /**
     * Sets {@code path} (dot-separated, as in {@code --set}) to a node parsed elsewhere, so
     * errors about the value keep pointing where it was written; keys the path creates are
     * located at {@code pathAt} (column advanced per segment).
     */
    public static ConfigNode set(ConfigNode tree, String path, ConfigNode value, ConfigNode.Location pathAt) {
        List<Segment> segs = new ArrayList<>();
        int start = 0;
        for (String seg : path.split("\\.", -1)) {
            if (seg.isBlank()) {
                throw new ConfigException(new ConfigNode.Location(pathAt.file(), pathAt.line(), pathAt.column() + start),
                        "empty key in path " + ConfigText.quote(path) + " (expected a path like a.b.c)");
            }
            segs.add(new Segment(seg.strip(), new ConfigNode.Location(pathAt.file(), pathAt.line(), pathAt.column() + start)));
            start += seg.length() + 1;
        }
        return set(tree, segs, 0, value, path);
    }

    private static ConfigNode set(ConfigNode node, List<Segment> segs, int i, ConfigNode value, String path) {
        Segment s = segs.get(i);
        boolean last = i == segs.size() - 1;
        if (node instanceof ConfigNode.MapNode m) {
            if (last) {
                return m.with(s.name(), s.location(), value);
            }
            ConfigNode.Entry e = m.entries().get(s.name());
            ConfigNode child = e == null || (e.value() instanceof ConfigNode.Scalar sc && sc.isNull())
                    ? ConfigNode.MapNode.empty(s.location()) : e.value();
            ConfigNode.Location keyAt = e == null ? s.location() : e.keyLocation();
            return m.with(s.name(), keyAt, set(child, segs, i + 1, value, path));
        }
        if (node instanceof ConfigNode.ListNode l && s.name().matches("[0-9]{1,9}")) {
            int idx = Integer.parseInt(s.name());
            if (idx >= l.items().size()) {
                throw new ConfigException(s.location(), "index " + idx + " is past the end of the list at "
                        + l.location() + " (expected 0.." + (l.items().size() - 1) + ")");
            }
            List<ConfigNode> items = new ArrayList<>(l.items());
            items.set(idx, last ? value : set(items.get(idx), segs, i + 1, value, path));
            return new ConfigNode.ListNode(items, l.location());
        }
        String parent = i == 0 ? "the top level" : "'" + String.join(".", segs.subList(0, i).stream().map(Segment::name).toList()) + "'";
        throw new ConfigException(s.location(), "cannot set '" + s.name() + "': " + parent + " is " + node.describe()
                + " at " + node.location() + " (expected a map" + (node instanceof ConfigNode.ListNode ? " or a list index" : "")
                + ")");
    }

    // ---------------------------------------------------------------- dump

    /** YAML text of a tree (e.g. the resolved config the simulator writes next to its results). */
    public static String toYaml(ConfigNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = DUMP.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** YAML text of a bound config record, defaults included; binds back to an equal record. */
    public static String toYaml(Record config) {
        return toYaml(ConfigBinder.toNode(config));
    }

    /**
     * Writes {@link #toYaml(ConfigNode)} to {@code target} atomically (a temp file in the
     * same directory, then a rename), so a reader never sees half a file.
     */
    public static void writeYaml(Path target, ConfigNode node) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toYaml(node));
            try {
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final YAMLFactory DUMP = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private static void write(JsonGenerator g, ConfigNode n) throws IOException {
        if (n instanceof ConfigNode.MapNode m) {
            g.writeStartObject();
            for (ConfigNode.Entry e : m.entries().values()) {
                g.writeFieldName(e.key());
                write(g, e.value());
            }
            g.writeEndObject();
        } else if (n instanceof ConfigNode.ListNode l) {
            g.writeStartArray();
            for (ConfigNode item : l.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            ConfigNode.Scalar s = (ConfigNode.Scalar) n;
            switch (s.type()) {
                case NULL -> g.writeNull();
                case INTEGER, FLOAT -> g.writeNumber(s.text());
                case BOOLEAN -> {
                    if (s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("false")) {
                        g.writeBoolean(Boolean.parseBoolean(s.text().toLowerCase()));
                    } else {
                        g.writeString(s.text());
                    }
                }
                default -> g.writeString(s.text());
            }
        }
    }

    // ---------------------------------------------------------------- names

    /** The path as shown in messages: relative to the working directory when inside it. */
    public static String display(Path p) {
        try {
            Path abs = p.toAbsolutePath().normalize();
            Path cwd = Path.of("").toAbsolutePath().normalize();
            if (abs.startsWith(cwd) && !abs.equals(cwd)) {
                return cwd.relativize(abs).toString();
            }
            return p.isAbsolute() ? abs.toString() : p.normalize().toString();
        } catch (RuntimeException e) {
            return p.toString();
        }
    }
}
