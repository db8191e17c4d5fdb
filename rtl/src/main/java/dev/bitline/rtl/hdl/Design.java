package dev.bitline.rtl.hdl;

import java.util.List;

/**
 * An elaborated, checked design: the top module, every module it uses (children before parents,
 * each once) and the warnings (unused inputs and signals).
 */
public record Design(Module top, List<Module> modules, List<String> warnings) {
    public Design {
        modules = List.copyOf(modules);
        warnings = List.copyOf(warnings);
    }
}
