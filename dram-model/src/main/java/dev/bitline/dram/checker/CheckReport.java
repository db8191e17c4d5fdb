package dev.bitline.dram.checker;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the checker found: every violation counted by kind, the first {@code kept} of them in full.
 *
 * @param commands commands checked
 * @param violations total violations
 * @param byKind violations per kind
 * @param first the first violations, in trace order (at most the checker's limit)
 */
public record CheckReport(long commands, long violations, Map<Violation.Kind, Long> byKind,
        List<Violation> first) {

    public CheckReport {
        byKind = Map.copyOf(byKind.isEmpty() ? new EnumMap<>(Violation.Kind.class) : byKind);
        first = List.copyOf(first);
    }

    public boolean clean() {
        return violations == 0;
    }

    /** {@code violations: N} plus up to {@code show} of them, one block each. */
    public String summary(int show) {
        StringBuilder sb = new StringBuilder();
        sb.append("commands checked: ").append(commands).append('\n');
        sb.append("violations: ").append(violations);
        if (violations > 0) {
            sb.append(' ').append(byKind);
        }
        sb.append('\n');
        for (int i = 0; i < Math.min(show, first.size()); i++) {
            sb.append(first.get(i)).append('\n');
        }
        return sb.toString();
    }
}
