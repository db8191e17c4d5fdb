package dev.bitline.rtl.unit;

import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PortLayout;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator bound to one parameter record: every unit is this one mechanism (build, model,
 * stimulus roles from the same {@code params}); {@link Units} says which functions make each.
 *
 * @param kind     the unit name
 * @param params   the parameter record
 * @param describe the configuration as {@code k=v} pairs
 */
public record GeneratorUnit<P>(String kind, P params, String describe, Function<P, Module> builder,
                               BiFunction<P, PortLayout, CycleModel> modelFactory,
                               Map<String, Stimulus.Role> stimulus) implements RtlUnit {
    @Override
    public Module build() {
        return builder.apply(params);
    }

    @Override
    public CycleModel model(PortLayout layout) {
        return modelFactory.apply(params, layout);
    }
}
