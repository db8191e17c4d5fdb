package dev.bitline.dram.spec;

/**
 * Where a timing constraint applies, relative to the next command's target. A rule
 * {@code (prev, next, scope, d)} says: if {@code prev} was issued at cycle t to a target inside the
 * same {@code scope} instance as {@code next}'s target, then {@code next} may issue no earlier than
 * t + d. Scopes are inclusive: a {@link #BANKGROUP} rule also applies within the same bank, a
 * {@link #RANK} rule within the same bank group and bank. {@link #OTHER_RANK} is exclusive: the
 * previous command went to a different rank (or HBM pseudo-channel) of the same channel.
 * {@link #CHANNEL} applies to everything on the channel.
 *
 * <p>When either command addresses a whole rank (PREA, REFab, PDE, PDX, ...) a bank or bank-group
 * scope is widened to the rank, because the rank-wide command overlaps every bank in it.
 */
public enum Scope {
    BANK, BANKGROUP, RANK, OTHER_RANK, CHANNEL
}
