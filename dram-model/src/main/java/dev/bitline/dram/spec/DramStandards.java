package dev.bitline.dram.spec;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.io.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads DRAM standard presets ({@code configs/dram/*.yaml}) into {@link DramSpec}s. Every error
 * (syntax, unknown key, bad expression, command not in the standard) is a {@link ConfigException}
 * "file:line:col: message".
 */
public final class DramStandards {
    private DramStandards() {}

    private static final Pattern INDEXED = Pattern.compile("^(constraints|windows)\\[(\\d+)\\]");
    private static final Pattern PARAM = Pattern.compile("^timing\\.([A-Za-z0-9_]+)");
    private static final Pattern POWER = Pattern.compile("^power\\.([A-Za-z0-9_]+) = ");

    /** Loads {@code yaml} with a loader rooted at the nearest {@code configs/} directory. */
    public static DramSpec load(Path yaml) {
        return load(ConfigLoader.forFile(yaml), yaml, List.of());
    }

    /** Loads {@code yaml} applying {@code --set}-style overrides (e.g. {@code timing.CL=18}). */
    public static DramSpec load(ConfigLoader loader, Path yaml, List<String> overrides) {
        return resolve(loader.loadTree(yaml, overrides));
    }

    /**
     * A preset by name ({@code "ddr4-3200-8gb-x8"}) or path, looked up under
     * {@code <configsRoot>/dram/}.
     */
    public static DramSpec preset(Path configsRoot, String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p)) {
            String n = nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml";
            p = configsRoot.resolve("dram").resolve(n);
        }
        if (!Files.exists(p)) {
            throw new ConfigException(nameOrPath, 1, 1, "no such DRAM preset (expected a file or a name under "
                    + configsRoot.resolve("dram") + ")");
        }
        return load(new ConfigLoader(configsRoot), p, List.of());
    }

    private static ConfigNode.Location locate(ConfigNode tree, String msg) {
        if (tree instanceof ConfigNode.MapNode root) {
            Matcher m = INDEXED.matcher(msg);
            if (m.find() && root.get(m.group(1)) instanceof ConfigNode.ListNode l) {
                int i = Integer.parseInt(m.group(2));
                if (i < l.items().size()) return l.items().get(i).location();
            }
            m = POWER.matcher(msg);
            if (m.find() && root.get("power") instanceof ConfigNode.MapNode pw) {
                ConfigNode.Entry en = pw.entries().get(m.group(1));
                return en != null ? en.value().location() : pw.location();
            }
            m = PARAM.matcher(msg);
            if (m.find() && root.get("timing") instanceof ConfigNode.MapNode t) {
                ConfigNode.Entry en = t.entries().get(m.group(1));
                if (en != null) return en.value().location();
                return t.location();
            }
            return root.location();
        }
        return tree.location();
    }

    /**
     * Resolves an already-loaded tree (a run config with its non-standard sections removed), with
     * the same located errors as {@link #load(ConfigLoader, Path, List)}.
     */
    public static DramSpec resolve(ConfigNode tree) {
        tree = flattenSections(flattenSections(tree, "constraints"), "windows");
        StandardConfig sc = ConfigBinder.bind(tree, StandardConfig.class);
        try {
            return sc.resolve();
        } catch (IllegalArgumentException e) {
            ConfigException typo = misspelledParameter(tree, e.getMessage());
            if (typo != null) throw typo;
            throw new ConfigException(locate(tree, e.getMessage()), e.getMessage());
        }
    }

    /**
     * {@code constraints:} and {@code windows:} may be written as a map of named lists ({@code
     * rowCycle: [...], refresh: [...]}) instead of one list. Maps merge key by key across
     * {@code extends:} (lists are replaced whole), so a standard that extends another adds its own
     * section of rows (a PIM standard's rows for its commands) and keeps the base's table. The
     * sections are concatenated here, in map order, into the one list the record binds; every row
     * keeps its own file:line location for error messages.
     */
    static ConfigNode flattenSections(ConfigNode tree, String key) {
        if (!(tree instanceof ConfigNode.MapNode root) || !(root.get(key) instanceof ConfigNode.MapNode sections)) {
            return tree;
        }
        List<ConfigNode> rows = new java.util.ArrayList<>();
        for (ConfigNode.Entry e : sections.entries().values()) {
            if (e.value() instanceof ConfigNode.ListNode l) {
                rows.addAll(l.items());
            } else if (!(e.value() instanceof ConfigNode.Scalar sc && sc.isNull())) { // "name: null" drops an inherited section
                throw new ConfigException(e.value().location(), key + "." + e.key() + ": expected a list of rows, got "
                        + e.value().describe());
            }
        }
        ConfigNode.Entry old = root.entries().get(key);
        return root.with(key, old.keyLocation(), new ConfigNode.ListNode(rows, sections.location()));
    }

    private static final Pattern UNKNOWN_PARAM = Pattern.compile("unknown timing parameter '([^']+)'");

    /**
     * A constraint that names a parameter nobody defined is most often a typo in the timing
     * section: point at the misspelled key there (which is where the user must edit), not at the
     * constraint in a shared preset.
     */
    private static ConfigException misspelledParameter(ConfigNode tree, String msg) {
        Matcher m = UNKNOWN_PARAM.matcher(msg);
        if (!m.find() || !(tree instanceof ConfigNode.MapNode root)
                || !(root.get("timing") instanceof ConfigNode.MapNode timing)) {
            return null;
        }
        String wanted = m.group(1);
        for (Map.Entry<String, ConfigNode.Entry> en : timing.entries().entrySet()) {
            String key = en.getKey();
            // one edit (a swapped, missing, extra or wrong character): farther is more often a real name
            if (Messages.editDistance(key, wanted) == 1) {
                return new ConfigException(en.getValue().keyLocation(), "timing parameter '" + key
                        + "' is not used by any constraint (did you mean '" + wanted + "'? " + msg + ")");
            }
        }
        return null;
    }
}
