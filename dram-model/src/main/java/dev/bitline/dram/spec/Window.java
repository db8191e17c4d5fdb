package dev.bitline.dram.spec;

import java.util.Set;

/** A resolved rolling window: at most {@code count} of {@code commands} in any {@code cycles} span per scope. */
public record Window(Set<Command> commands, Scope scope, int count, int cycles, String expression) {
    public Window {
        commands = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(commands)); // in table order
    }
}
