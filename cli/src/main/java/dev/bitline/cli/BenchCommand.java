package dev.bitline.cli;

import dev.bitline.sim.perf.HoldWorkload;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bitline bench}: quick speed checks that print a ratio against a
 * baseline measured in the same run. JMH (bench/) gives the careful numbers;
 * this gives a user an answer in seconds on their own machine.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure simulator speed against a baseline run in the same process.",
            "Without a subcommand: the event-kernel benchmark (same as 'bench kernel')."},
        subcommands = {BenchCommand.Kernel.class, BenchDramCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new Kernel().runWith(spec.commandLine().getOut(), 1_000_000, 5_000_000, 3);
    }

    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = {
                "Event queue 'hold' benchmark: N pending events; each dispatch schedules one new event,",
                "80% within 1 ns and 20% within 1 ms. Bitline's kernel vs a PriorityQueue<Event> kernel."})
    static final class Kernel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--pending", defaultValue = "1000000", description = "Events kept pending (default ${DEFAULT-VALUE}).")
        int pending;

        @Option(names = "--events", defaultValue = "5000000", description = "Events dispatched per timed round (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the best of each kernel is reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            return runWith(spec.commandLine().getOut(), pending, events, rounds);
        }

        int runWith(PrintWriter out, int pending, long events, int rounds) {
            if (pending <= 0 || events <= 0 || rounds <= 0) {
                throw new UsageError("bench kernel: --pending, --events and --rounds must be positive");
            }
            out.printf("kernel hold benchmark: %,d pending, %,d events/round, best of %d rounds%n",
                    pending, events, rounds);
            HoldWorkload.Result r = HoldWorkload.standard(pending).compare(events, events / 2, rounds);
            out.printf("  %-28s %,15.0f events/s%n", "bitline EventQueue", r.bitlineEventsPerSecond());
            out.printf("  %-28s %,15.0f events/s%n", "PriorityQueue<Event> baseline", r.baselineEventsPerSecond());
            out.printf("  ratio                        %15.2fx%n", r.ratio());
            return Bitline.EXIT_OK;
        }
    }
}
