package dev.bitline.dram.spec;

import java.util.List;

/**
 * A rolling-window limit: at most {@code count} commands of {@code commands} within any
 * {@code window} cycles inside one {@code scope} instance (tFAW: 4 ACT per rank; GDDR t32AW: 32 ACT).
 * Only {@link Scope#RANK} and {@link Scope#CHANNEL} are meaningful scopes for windows.
 */
public record WindowRule(List<String> commands, Scope scope, int count, String window) {
    public WindowRule {
        if (commands == null || commands.isEmpty()) {
            throw new IllegalArgumentException("commands must list commands");
        }
        if (scope != Scope.RANK && scope != Scope.CHANNEL) {
            throw new IllegalArgumentException("window scope must be rank or channel, got " + scope);
        }
        if (count <= 0) throw new IllegalArgumentException("count must be > 0, got " + count);
        if (window == null || window.isBlank()) throw new IllegalArgumentException("window is required");
        commands = List.copyOf(commands);
    }
}
