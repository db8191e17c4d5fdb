package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every picocli parse error, in every subcommand, follows the contract: exit 2, exactly one line on
 * stderr naming the flag and what was expected, no {@code Error:} prefix, no usage dump. The
 * cases are generated from the command tree, so a new subcommand or flag is covered without
 * editing this test.
 */
class FlagErrorsTest {

    /** (args, the flag the line must name). */
    static Stream<Arguments> badFlags() {
        List<Arguments> cases = new ArrayList<>();
        walk(Bitline.commandLine(), new ArrayList<>(), cases);
        return cases.stream();
    }

    private static void walk(CommandLine c, List<String> path, List<Arguments> cases) {
        if (!path.isEmpty() && !path.get(path.size() - 1).equals("help")) {
            cases.add(args(path, "--no-such-flag", List.of("--no-such-flag")));
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.arity().min() == 0) {
                    continue;
                }
                String flag = o.longestName();
                cases.add(args(path, flag, List.of(flag))); // value missing at the end
                String bad = badValue(o);
                if (bad != null) {
                    cases.add(args(path, flag, List.of(flag, bad)));
                    cases.add(args(path, flag, List.of(flag + "=" + bad)));
                }
            }
        }
        for (var g : c.getCommandSpec().argGroups()) {
            if (g.exclusive() && g.options().size() >= 2) { // both members of an exclusive group
                OptionSpec a = g.options().get(0);
                OptionSpec b = g.options().get(1);
                List<String> tail = new ArrayList<>();
                for (OptionSpec o : List.of(a, b)) {
                    tail.add(o.longestName());
                    if (o.arity().min() > 0) {
                        tail.add(goodValue(o));
                    }
                }
                cases.add(args(path, a.longestName(), tail));
            }
        }
        for (var e : c.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            if (e.getValue().getCommandName().equals(e.getKey())) { // aliases would repeat a command
                walk(e.getValue(), p, cases);
            }
        }
    }

    private static String goodValue(OptionSpec o) {
        Class<?> t = o.type();
        if (t.isEnum()) {
            return t.getEnumConstants()[0].toString();
        }
        return t == String.class || t == java.nio.file.Path.class ? "random:1" : "1";
    }

    private static String badValue(OptionSpec o) {
        Class<?> t = o.type();
        if (o.isMultiValue() && o.auxiliaryTypes().length > 0) {
            t = o.auxiliaryTypes()[o.auxiliaryTypes().length - 1];
        }
        if (t == int.class || t == Integer.class) {
            return "10000000000";
        }
        if (t == long.class || t == Long.class) {
            return "12x";
        }
        if (t == double.class || t == Double.class) {
            return "fast";
        }
        if (t.isEnum()) {
            return "no-such-choice";
        }
        return null;
    }

    private static Arguments args(List<String> path, String flag, List<String> tail) {
        List<String> a = new ArrayList<>(path);
        a.addAll(tail);
        return Arguments.of(a, flag);
    }

    private static void assertContract(CliTest.Result r, String flag) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out(), "no usage dump");
        String err = r.err().strip();
        assertFalse(err.isEmpty());
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("bitline"), err);
        assertFalse(err.contains("Error:"), err);
        assertTrue(err.contains(flag), "names " + flag + ": " + err);
        assertTrue(err.contains("(expected ") || err.contains("expected "), "says what was expected: " + err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void everyParseErrorIsOneLineNamingTheFlag(List<String> args, String flag) {
        assertContract(CliTest.run(args.toArray(String[]::new)), flag);
    }

    @Test
    void theGeneratedCasesCoverEverySubcommandAndManyFlags() {
        long n = badFlags().count();
        assertTrue(n >= 100, "cases: " + n);
    }

    @Test
    void intOverflowSaysTheRange() {
        CliTest.Result r = CliTest.run("lut", "gemm", "--n", "10000000000");
        assertEquals("bitline lut gemm: --n: '10000000000' is not an int (expected an integer from -2147483648 to"
                + " 2147483647)", r.err().strip());
    }

    @Test
    void mutuallyExclusiveFlagsAreOneLine() {
        CliTest.Result r = CliTest.run("dram", "--config", "x.yaml", "--trace", "a.trace", "--synthetic", "random:10");
        assertEquals("bitline dram: --trace, --synthetic are mutually exclusive (expected at most one of them)",
                r.err().strip());
    }

    @Test
    void unknownOptionSuggestsAndEscapes() {
        String err = CliTest.run("simulate", "--bogus\u001b[2J", "x.yaml").err().strip();
        assertTrue(err.startsWith("bitline simulate: --bogus\\x1b[2J: unknown option (expected"), err);
    }
}
