package dev.bitline.cli;

import dev.bitline.sim.io.InputException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code bitline} command. Subcommands parse their flags, call into the
 * modules and print; the models themselves live in the modules.
 *
 * <p>Exit codes: 0 success, 1 internal error (a bug: the message says so),
 * 2 bad input (config, trace, flag), with a one-line message and no stack trace.
 */
@Command(name = "bitline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Cycle-accurate co-design of DRAM, PIM and LUT tensor cores for low-bit LLM inference.")
public final class Bitline implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /**
     * The subcommands, in help order. They are added to picocli by name, and a run adds only the one
     * it invokes: picocli builds the model of every command it is given (reflection over each
     * command's options and nested subcommands), which was a large part of a short run's start-up
     * (issue 15). {@code help}, no arguments and an unknown name get all of them.
     */
    static final List<String> SUBCOMMANDS = List.of("simulate", "validate", "bench", "dram", "lut", "pim", "gpu",
            "map", "run", "study", "sweep", "rtl", "help");

    private static Object subcommand(String name) {
        return switch (name) {
            case "simulate" -> new SimulateCommand();
            case "validate" -> new ValidateCommand();
            case "bench" -> new BenchCommand();
            case "dram" -> new DramCommand();
            case "lut" -> new LutCommand();
            case "pim" -> new PimCommand();
            case "gpu" -> new GpuCommand();
            case "map" -> new MapCommand();
            case "run" -> new RunCommand();
            case "study" -> new StudyCommand();
            case "sweep" -> new SweepCommand();
            case "rtl" -> new RtlCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams (tests call this instead of {@link #main}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered without picocli: `bitline --version` is the start-up floor users time
            for (String line : VersionProvider.lines()) {
                out.println(line);
            }
            out.flush();
            return EXIT_OK;
        }
        String first = args.length > 0 ? args[0] : "";
        CommandLine cmd = SUBCOMMANDS.contains(first) && !first.equals("help") ? commandLine(first) : commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /** The whole command tree (help, tests that walk every command). */
    public static CommandLine commandLine() {
        CommandLine cmd = root();
        for (String name : SUBCOMMANDS) {
            cmd.addSubcommand(name, subcommand(name));
        }
        return cmd;
    }

    /** The root with one subcommand: what a run of {@code bitline <name> ...} needs. */
    static CommandLine commandLine(String name) {
        CommandLine cmd = root();
        cmd.addSubcommand(name, subcommand(name));
        return cmd;
    }

    private static CommandLine root() {
        CommandLine cmd = new CommandLine(new Bitline());
        cmd.setParameterExceptionHandler(FlagErrors::handle);
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof InputException || ex instanceof UsageError) {
                c.getErr().println(ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof java.io.UncheckedIOException io) {
                c.getErr().println("bitline: " + io.getMessage());
                return EXIT_BAD_INPUT;
            }
            c.getErr().println("bitline: internal error (a bug, please report it): " + ex);
            if (System.getenv("BITLINE_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("Set BITLINE_DEBUG=1 to see the stack trace.");
            }
            return EXIT_INTERNAL;
        });
        return cmd;
    }
}
