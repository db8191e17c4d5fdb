package dev.bitline.dram.controller.plugin;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.checker.Violation;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * The independent {@link TimingChecker} fed while the controller runs. With {@code failFast} the
 * first violated rule stops the run with an {@link IllegalStateException} naming it and both
 * commands, at the cycle it happened (useful when developing a new scheduler or command source);
 * otherwise violations are counted and {@link #report()} gives them at the end.
 */
public final class OnTheFlyChecker implements ControllerPlugin {
    private final TimingChecker checker;
    private final boolean failFast;

    public OnTheFlyChecker(DramSpec spec, boolean failFast) {
        this.checker = new TimingChecker(spec);
        this.failFast = failFast;
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank, int bankGroup,
            int bank, int row, int column) {
        checker.onCommand(cycle, command, channel, pseudoChannel, rank, bankGroup, bank, row, column);
        if (failFast && checker.violations() > 0) {
            Violation v = checker.report().first().get(0);
            throw new IllegalStateException("timing checker: " + v);
        }
    }

    public CheckReport report() {
        return checker.report();
    }
}
