package dev.bitline.dram.spec;

/**
 * A resolved timing-table row: one (prev, next) command pair, the declared scope and the minimum
 * distance in cycles. {@code expression} is the table text it came from, for reports.
 */
public record Constraint(Command prev, Command next, Scope scope, int cycles, String expression) {}
// cycles may be <= 0 (e.g. a write-to-read turnaround on another rank when CL > CWL + tBL): no constraint.
