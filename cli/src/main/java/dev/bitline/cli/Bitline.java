package dev.bitline.cli;

import dev.bitline.sim.io.InputException;
import java.io.PrintWriter;
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
        description = "Cycle-accurate co-design of DRAM, PIM and LUT tensor cores for low-bit LLM inference.",
        subcommands = {
            SimulateCommand.class,
            ValidateCommand.class,
            BenchCommand.class,
            DramCommand.class,
            LutCommand.class,
            PimCommand.class,
            GpuCommand.class,
            MapCommand.class,
            RunCommand.class,
            StudyCommand.class,
            SweepCommand.class,
            RtlCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Bitline implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

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
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Bitline());
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("bitline: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_BAD_INPUT;
        });
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
