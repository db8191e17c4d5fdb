package dev.bitline.rtl.model;

/**
 * A Java model of a generated unit, defined cycle by cycle on the same ports as its Verilog
 * (frames laid out by {@link PortLayout}). Co-simulation calls, for every cycle,
 * {@code eval(in, out)} (outputs seen before the clock edge: the registered state and any
 * combinational paths from this cycle's inputs) and then {@code tick(in)} (the rising edge).
 */
public interface CycleModel {
    void eval(long[] in, long[] out);

    void tick(long[] in);
}
