package dev.bitline.dram.spec;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import java.util.Optional;

/**
 * One row of a standard's command vocabulary, as written in its YAML ({@code commands:} maps a
 * command name to this): what the command addresses and what it does. The timing engine, the
 * controller, the checker and the energy model read these flags instead of knowing command names,
 * so a new command (a PIM all-bank MAC, a victim-row refresh) is one more row, not new Java.
 *
 * @param target what it addresses (bank, bank-pair, bankgroup, same-bank, rank, channel)
 * @param opens opens a row in every bank it covers (ACT)
 * @param closes precharges every bank it covers (PRE, PREA; with {@code access}: auto-precharge
 *     after the column access, RDA / WRA)
 * @param access column access to the open row: {@code read} or {@code write} (none: no column
 *     access; the bank must have its row open otherwise)
 * @param data data burst on the data bus: {@code read} (CL after the command) or {@code write}
 *     (CWL after); default = {@code access}; {@code none} for a column access that keeps its data
 *     inside the device (a PIM MAC)
 * @param bus which command bus it uses where the standard has a row and a column bus (HBM);
 *     default column for a column access or data transfer, row otherwise
 * @param cycles command-bus cycles it holds (DDR5 ACT/RD/WR: 2); timing distances count from its
 *     first cycle
 * @param refresh refreshes every bank it covers (they must be precharged)
 * @param powerDown enters or leaves precharge/active power-down (CKE low / high)
 * @param selfRefresh enters or leaves self-refresh
 * @param rowBuffer which row buffer of each bank it opens, closes or reads: {@code memory} (the
 *     ordinary one, default), {@code pim} (the second row buffer of a dual-row-buffer PIM part, as
 *     NeuPIMs builds: PIM activates, MACs and precharges use it while host accesses use the memory
 *     buffer), or {@code all} (a precharge or refresh of both: PREA before REFab on such a part)
 */
public record CommandMeta(
        Target target,
        @Default("false") boolean opens,
        @Default("false") boolean closes,
        @Default("none") Direction access,
        Optional<Direction> data,
        Optional<Bus> bus,
        @Default("1") @Range(min = 1, max = 8) int cycles,
        @Default("false") boolean refresh,
        @Default("none") Transition powerDown,
        @Default("none") Transition selfRefresh,
        @Default("memory") RowBuffer rowBuffer) {

    /** Direction of a column access or data burst. */
    public enum Direction { NONE, READ, WRITE }

    /** The command bus a command uses where row and column commands have separate buses. */
    public enum Bus { ROW, COLUMN }

    /** The row buffer(s) of a bank a command works on. */
    public enum RowBuffer { MEMORY, PIM, ALL }

    /** Entering or leaving a low-power state. */
    public enum Transition { NONE, ENTER, EXIT }

    public CommandMeta {
        if (target == null) throw new IllegalArgumentException("target is required (bank, bank-pair, bankgroup, same-bank, rank or channel)");
        if (access == null) access = Direction.NONE;
        if (data == null) data = Optional.empty();
        if (bus == null) bus = Optional.empty();
        if (powerDown == null) powerDown = Transition.NONE;
        if (selfRefresh == null) selfRefresh = Transition.NONE;
        if (rowBuffer == null) rowBuffer = RowBuffer.MEMORY;
        if (rowBuffer == RowBuffer.ALL && (opens || access != Direction.NONE)) {
            throw new IllegalArgumentException("rowBuffer: all is for precharges and refreshes (a command opens or reads one buffer)");
        }
        if (cycles < 1 || cycles > 8) throw new IllegalArgumentException("cycles = " + cycles + " (expected 1..8)");
        if (opens && (closes || access != Direction.NONE)) {
            throw new IllegalArgumentException("a command that opens a row cannot also close it or access a column");
        }
        if (refresh && (opens || access != Direction.NONE)) {
            throw new IllegalArgumentException("a refresh cannot open a row or access a column");
        }
    }

    /** A row with only a target (for building vocabularies in code). */
    public static CommandMeta of(Target target) {
        return new CommandMeta(target, false, false, Direction.NONE, Optional.empty(), Optional.empty(), 1, false,
                Transition.NONE, Transition.NONE, RowBuffer.MEMORY);
    }

    /** The data direction with the default applied. */
    public Direction dataDirection() {
        return data.orElse(access);
    }

    /** The command bus with the default applied. */
    public Bus commandBus() {
        return bus.orElse(access != Direction.NONE || dataDirection() != Direction.NONE ? Bus.COLUMN : Bus.ROW);
    }

    public CommandMeta withOpens() {
        return new CommandMeta(target, true, closes, access, data, bus, cycles, refresh, powerDown, selfRefresh, rowBuffer);
    }

    public CommandMeta withCloses() {
        return new CommandMeta(target, opens, true, access, data, bus, cycles, refresh, powerDown, selfRefresh, rowBuffer);
    }

    public CommandMeta withAccess(Direction a) {
        return new CommandMeta(target, opens, closes, a, data, bus, cycles, refresh, powerDown, selfRefresh, rowBuffer);
    }

    public CommandMeta withData(Direction d) {
        return new CommandMeta(target, opens, closes, access, Optional.of(d), bus, cycles, refresh, powerDown, selfRefresh, rowBuffer);
    }

    public CommandMeta withRefresh() {
        return new CommandMeta(target, opens, closes, access, data, bus, cycles, true, powerDown, selfRefresh, rowBuffer);
    }

    public CommandMeta withPowerDown(Transition t) {
        return new CommandMeta(target, opens, closes, access, data, bus, cycles, refresh, t, selfRefresh, rowBuffer);
    }

    public CommandMeta withSelfRefresh(Transition t) {
        return new CommandMeta(target, opens, closes, access, data, bus, cycles, refresh, powerDown, t, rowBuffer);
    }

    public CommandMeta withRowBuffer(RowBuffer b) {
        return new CommandMeta(target, opens, closes, access, data, bus, cycles, refresh, powerDown, selfRefresh, b);
    }

    public CommandMeta withCycles(int c) {
        return new CommandMeta(target, opens, closes, access, data, bus, c, refresh, powerDown, selfRefresh, rowBuffer);
    }
}
