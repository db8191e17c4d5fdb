package dev.bitline.dram.spec;

import dev.bitline.sim.io.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a standard's timing section must satisfy beyond "evaluates to a number", checked when the
 * standard is resolved (so a preset, an {@code extends:} chain and a {@code --set} are judged
 * alike, and {@code --check} never runs against a weakened table):
 *
 * <ul>
 *   <li>every key is used: by a constraint, a window, a per-command energy, another parameter, or
 *       the model itself ({@link #READ_BY_CODE}); an unused key is a typo (did-you-mean);</li>
 *   <li>ranges: the JEDEC core parameters that exist must be >= 1 cycle ({@link #POSITIVE});</li>
 *   <li>relations between them ({@link #RELATIONS}), each named by its rule.</li>
 * </ul>
 *
 * Messages start with {@code timing.NAME:} so the loader points at that key.
 */
public final class TimingRelations {
    private TimingRelations() {}

    /** Parameters the model reads by name (besides the table): latencies, refresh, energy, bus. */
    public static final Set<String> READ_BY_CODE = Set.of("CL", "CWL", "tBL", "tRAS", "tREFI", "tREFIpb",
            "tREFIsb", "tRFC", "tRP", "tFAW", "tRFCpb", "tRFCsb", "tRRD_S", "tRTP", "tRTRS", "tWR", "tRCD");

    /** JEDEC core timings: where a standard defines one it must be at least one cycle. */
    public static final List<String> POSITIVE = List.of("CL", "CWL", "tBL", "tRCD", "tRCDRD", "tRCDWR", "tRP",
            "tRAS", "tRC", "tWR", "tRTP", "tCCD_S", "tCCD_L", "tRRD_S", "tRRD_L", "tFAW", "tRFC", "tRFCpb", "tRFCsb",
            "tREFI", "tWTR_S", "tWTR_L", "tXP", "tCKE");

    /** One relation: {@code left >= sum(right)} where every name is defined. */
    public record Relation(String left, List<String> right, String why) {
        boolean applies(Map<String, Integer> p) {
            return p.containsKey(left) && right.stream().allMatch(p::containsKey);
        }

        long rhs(Map<String, Integer> p) {
            long s = 0;
            for (String r : right) s += p.get(r);
            return s;
        }
    }

    public static final List<Relation> RELATIONS = List.of(
            new Relation("tRC", List.of("tRAS", "tRP"), "a row cycle is at least its active time plus its precharge"),
            new Relation("tRAS", List.of("tRCD"), "a row is open at least until its first column access may issue"),
            new Relation("tCCD_L", List.of("tCCD_S"), "same-bank-group column spacing is never shorter than across groups"),
            new Relation("tRRD_L", List.of("tRRD_S"), "same-bank-group activate spacing is never shorter than across groups"),
            new Relation("tWTR_L", List.of("tWTR_S"), "same-bank-group write-to-read is never shorter than across groups"),
            new Relation("tRFC", List.of("tRFCpb"), "an all-bank refresh takes at least as long as a per-bank one"),
            new Relation("tRFC", List.of("tRFCsb"), "an all-bank refresh takes at least as long as a same-bank one"),
            new Relation("tREFI", List.of("tRFC"), "a refresh must finish before the next one is due"),
            new Relation("tFAW", List.of("tRRD_S"), "the four-activate window spans at least one activate spacing"));

    private static final Pattern NAME = Pattern.compile("(?<![0-9.A-Za-z_])([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> FUNCTIONS = Set.of("max", "min", "ceil");

    /** The parameter names an expression refers to. */
    static Set<String> names(String expr) {
        Set<String> out = new TreeSet<>();
        if (expr == null) return out;
        Matcher m = NAME.matcher(expr);
        while (m.find()) {
            if (!FUNCTIONS.contains(m.group(1))) out.add(m.group(1));
        }
        return out;
    }

    /**
     * @param timing the timing section as written (name -> expression)
     * @param used names the table, windows and energy section refer to
     * @param params the evaluated cycles
     * @throws IllegalArgumentException {@code timing.NAME: what is wrong (expected ...)}
     */
    static void check(Map<String, String> timing, Set<String> used, Map<String, Integer> params) {
        Set<String> known = new TreeSet<>(used);
        known.addAll(READ_BY_CODE);
        for (String expr : timing.values()) known.addAll(names(expr));
        for (String key : timing.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("timing." + key + ": unknown key '" + Messages.token(key)
                        + "': no constraint, window or timing parameter uses it (" + suggest(key, known)
                        + "expected one of the parameters the table uses)");
            }
        }
        for (String p : POSITIVE) {
            Integer v = params.get(p);
            if (v != null && v < 1) {
                throw new IllegalArgumentException("timing." + p + ": " + v + " cycles (expected >= 1: " + p
                        + " is a JEDEC minimum no part meets in zero time)");
            }
        }
        for (Relation r : RELATIONS) {
            if (!r.applies(params)) continue;
            long rhs = r.rhs(params);
            if (params.get(r.left()) < rhs) {
                throw new IllegalArgumentException("timing." + r.left() + ": " + params.get(r.left()) + " < "
                        + String.join(" + ", r.right()) + " = " + rhs + " (expected " + r.left() + " >= "
                        + String.join(" + ", r.right()) + ": " + r.why() + ")");
            }
        }
    }

    private static String suggest(String key, Set<String> known) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String k : known) {
            int d = k.equalsIgnoreCase(key) ? 0 : Messages.editDistance(k, key);
            if (d > 2) continue;
            // on a tie prefer the same letters (a swap: tRDC -> tRCD), then the same length
            int score = d * 4 + (sorted(k).equals(sorted(key)) ? 0 : 2) + (k.length() == key.length() ? 0 : 1);
            if (score < bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best != null ? "did you mean '" + best + "'? " : "";
    }

    private static String sorted(String s) {
        char[] c = s.toLowerCase(java.util.Locale.ROOT).toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }

    /** All rules, one per line, for docs and tests. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        for (String p : POSITIVE) out.add(p + " >= 1");
        for (Relation r : RELATIONS) out.add(r.left() + " >= " + String.join(" + ", r.right()) + ": " + r.why());
        return out;
    }
}
