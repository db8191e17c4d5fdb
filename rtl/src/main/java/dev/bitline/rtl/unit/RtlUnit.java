package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PortLayout;
import java.util.Map;

/**
 * One configured generator: its hardware, its Java cycle model and the stimulus roles of its
 * inputs, so {@code rtl gen / lint / cosim / synth} handle every unit alike.
 */
public interface RtlUnit {
    /** The unit kind ({@code lut-tile}, {@code mac-array}). */
    String kind();

    /** The configuration as {@code k=v} pairs (for reports). */
    String describe();

    Module build();

    CycleModel model(PortLayout layout);

    Map<String, Stimulus.Role> stimulus();
}
