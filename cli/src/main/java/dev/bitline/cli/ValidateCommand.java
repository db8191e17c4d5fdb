package dev.bitline.cli;

import dev.bitline.sim.config.ConfigNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bitline validate CONFIG...}: load, resolve and bind configs without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check configs: YAML syntax, extends, --set overrides, unknown/missing keys, types and ranges.",
            "Prints 'FILE: ok (KIND)' or one 'file:line:col: message (expected ...)' line and exits 2."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Config files to check.")
    List<Path> configs;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "What the files are (default: recognised from their top-level keys).")
    String kind;

    @Option(names = "--print", description = "Print each config as resolved (extends and --set applied).")
    boolean print;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        for (Path config : configs) {
            CommonOptions.requireFile(config);
            dev.bitline.sim.config.ConfigLoader loader = common.loader(config);
            ConfigNode tree = loader.loadTree(config, common.overrides);
            ConfigKinds.Kind k = kind != null ? ConfigKinds.byName(kind) : ConfigKinds.detect(config.toString(), tree);
            k.check().check(config, tree, loader);
            spec.commandLine().getOut().printf("%s: ok (%s)%n", config, k.name());
            if (print) {
                spec.commandLine().getOut().print(dev.bitline.sim.config.ConfigLoader.toYaml(tree));
            }
        }
        return Bitline.EXIT_OK;
    }
}
