package dev.bitline.dram.controller.powerdown;

/**
 * When an idle rank enters power-down (PDE; the controller issues the exit when a request or a
 * refresh needs the rank). Chosen by {@code powerDownIdle:} in the controller config: 0 is
 * {@link Never}, n > 0 {@link AfterIdle}.
 */
public sealed interface PowerDownPolicy permits PowerDownPolicy.Never, PowerDownPolicy.AfterIdle {

    static PowerDownPolicy of(int idleCycles) {
        return idleCycles <= 0 ? new Never() : new AfterIdle(idleCycles);
    }

    /** Whether ranks ever power down. */
    boolean enabled();

    /** Earliest cycle an idle rank whose last command was at {@code lastCommand} enters power-down. */
    long entryAt(long lastCommand);

    /** Ranks never power down. */
    record Never() implements PowerDownPolicy {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public long entryAt(long lastCommand) {
            return Long.MAX_VALUE;
        }
    }

    /** Power-down after {@code idleCycles} cycles without a command, queued request or owed refresh. */
    record AfterIdle(int idleCycles) implements PowerDownPolicy {
        public AfterIdle {
            if (idleCycles <= 0) throw new IllegalArgumentException("idleCycles must be > 0, got " + idleCycles);
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public long entryAt(long lastCommand) {
            return lastCommand + idleCycles;
        }
    }
}
