package dev.bitline.dram;

import dev.bitline.dram.spec.CommandMeta;
import dev.bitline.dram.spec.CommandMeta.Direction;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JEDEC command vocabulary as the shipped presets write it in YAML, for tests that build a
 * standard in code. Only for tests: the product reads vocabularies from the standards' files.
 */
public final class TestCommands {
    private TestCommands() {}

    /** Every JEDEC command, in the presets' order. */
    public static Map<String, CommandMeta> all() {
        return of("ACT", "PRE", "PREA", "RD", "WR", "RDA", "WRA", "REFab", "REFpb", "REFsb", "PDE", "PDX", "SRE",
                "SRX");
    }

    /** The named commands, in the order given. */
    public static Map<String, CommandMeta> of(String... names) {
        Map<String, CommandMeta> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, meta(n));
        return m;
    }

    public static CommandMeta meta(String name) {
        CommandMeta bank = CommandMeta.of(Target.BANK), rank = CommandMeta.of(Target.RANK);
        return switch (name) {
            case "ACT" -> bank.withOpens();
            case "PRE" -> bank.withCloses();
            case "PREA" -> rank.withCloses();
            case "RD" -> bank.withAccess(Direction.READ);
            case "WR" -> bank.withAccess(Direction.WRITE);
            case "RDA" -> bank.withAccess(Direction.READ).withCloses();
            case "WRA" -> bank.withAccess(Direction.WRITE).withCloses();
            case "REFab" -> rank.withRefresh();
            case "REFpb" -> bank.withRefresh();
            case "REFsb" -> CommandMeta.of(Target.SAME_BANK).withRefresh();
            case "PDE" -> rank.withPowerDown(Transition.ENTER);
            case "PDX" -> rank.withPowerDown(Transition.EXIT);
            case "SRE" -> rank.withSelfRefresh(Transition.ENTER);
            case "SRX" -> rank.withSelfRefresh(Transition.EXIT);
            default -> throw new IllegalArgumentException("not a JEDEC command: " + name);
        };
    }
}
