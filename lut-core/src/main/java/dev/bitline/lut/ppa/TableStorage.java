package dev.bitline.lut.ppa;

/** Storage cell of the per-row lookup tables. */
public enum TableStorage {
    DFF,
    LATCH
}
