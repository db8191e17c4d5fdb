package dev.bitline.dram.spec;

import java.util.List;

/**
 * One row of a standard's timing table: after any command of {@code prev} to a target within the
 * same {@code scope} as a command of {@code next}, that command must wait at least {@code min}
 * cycles. Commands are named as in the standard's {@code commands:} vocabulary. {@code min} is a number or an integer expression over the standard's timing parameters
 * ({@code "CL+BL/2+2-CWL"}), evaluated when the standard is loaded.
 */
public record TimingRule(List<String> prev, List<String> next, Scope scope, String min) {
    public TimingRule {
        if (prev == null || prev.isEmpty()) throw new IllegalArgumentException("prev must list commands");
        if (next == null || next.isEmpty()) throw new IllegalArgumentException("next must list commands");
        if (scope == null) throw new IllegalArgumentException("scope is required");
        if (min == null || min.isBlank()) throw new IllegalArgumentException("min is required");
        prev = List.copyOf(prev);
        next = List.copyOf(next);
    }
}
