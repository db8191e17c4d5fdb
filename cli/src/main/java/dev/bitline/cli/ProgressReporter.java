package dev.bitline.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for long runs: shown on stderr only when stderr is a
 * terminal and the run has already taken more than a second, so short runs and
 * piped output stay clean.
 */
final class ProgressReporter implements AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;

    private final String task;
    private final long total;
    private final LongSupplier done;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;

    ProgressReporter(String task, long total, LongSupplier done) {
        this.task = task;
        this.total = total;
        this.done = done;
        this.terminal = System.console() != null && System.getenv("BITLINE_NO_PROGRESS") == null;
    }

    /** Call now and then from the run loop; cheap when no bar is shown. */
    void update() {
        if (!terminal) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - startNanos < SHOW_AFTER_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                    .setUpdateIntervalMillis(200)
                    .build();
        }
        bar.stepTo(done.getAsLong());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(done.getAsLong());
            bar.close();
        }
    }
}
