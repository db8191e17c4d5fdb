package dev.bitline.dram.spec;

import dev.bitline.dram.spec.CommandMeta.Direction;
import dev.bitline.dram.spec.CommandMeta.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The request translation of a standard: which of its commands a memory controller uses to serve
 * read and write requests, to refresh and to power down, found by their meta flags (never by
 * name), as Ramulator 2's request-translation table does. Absent roles are null. A role that two
 * commands both fit is an error at load time (the controller could not tell which to use). A
 * vocabulary may hold further commands no role names (PIM commands): those are issued by a
 * command source of their own and still obey the timing engine, the checker and the energy model.
 *
 * @param activate opens a row in one bank (ACT)
 * @param precharge closes one bank (PRE)
 * @param prechargeAll closes every bank of a rank (PREA)
 * @param read, readClose, write, writeClose the column commands for a request (RD, RDA, WR, WRA)
 * @param refreshAll, refreshBank, refreshSameBank refresh of a rank, of one bank, of bank b in
 *     every group (REFab, REFpb, REFsb)
 * @param powerDownEnter, powerDownExit PDE, PDX
 */
public record CommandRoles(Command activate, Command precharge, Command prechargeAll, Command read,
        Command readClose, Command write, Command writeClose, Command refreshAll, Command refreshBank,
        Command refreshSameBank, Command powerDownEnter, Command powerDownExit) {

    /** Finds every role in {@code vocabulary}; requires activate, precharge, read and write. */
    static CommandRoles of(List<Command> vocabulary) {
        CommandRoles r = new CommandRoles(
                find(vocabulary, "activate one bank (target bank, opens)",
                        c -> c.target() == Target.BANK && c.opens() && plain(c)),
                find(vocabulary, "precharge one bank (target bank, closes)",
                        c -> c.target() == Target.BANK && c.closes() && !c.isColumn() && plain(c) && noData(c)),
                find(vocabulary, "precharge a rank (target rank, closes)",
                        c -> c.target() == Target.RANK && c.closes() && !c.isColumn() && plain(c) && noData(c)),
                column(vocabulary, Direction.READ, false),
                column(vocabulary, Direction.READ, true),
                column(vocabulary, Direction.WRITE, false),
                column(vocabulary, Direction.WRITE, true),
                refresh(vocabulary, Target.RANK),
                refresh(vocabulary, Target.BANK),
                refresh(vocabulary, Target.SAME_BANK),
                find(vocabulary, "power-down entry (target rank, powerDown: enter)",
                        c -> c.target() == Target.RANK && c.powerDown() == Transition.ENTER),
                find(vocabulary, "power-down exit (target rank, powerDown: exit)",
                        c -> c.target() == Target.RANK && c.powerDown() == Transition.EXIT));
        if (r.activate == null || r.precharge == null || r.read == null || r.write == null) {
            throw new IllegalArgumentException("commands must include a bank activate (target: bank, opens: true),"
                    + " a bank precharge (target: bank, closes: true), a column read (access: read) and a column"
                    + " write (access: write), each targeting one bank");
        }
        return r;
    }

    /** No refresh or low-power side effect. */
    private static boolean plain(Command c) {
        // a command on the PIM row buffer of a dual-row-buffer part serves no request
        return !c.isRefresh() && c.powerDown() == Transition.NONE && c.selfRefresh() == Transition.NONE
                && !c.pimBuffer();
    }

    private static boolean noData(Command c) {
        return !c.readsData() && !c.writesData();
    }

    private static Command column(List<Command> v, Direction d, boolean close) {
        String what = (d == Direction.READ ? "column read" : "column write") + (close ? " with auto-precharge" : "")
                + " of one bank (access: " + d.name().toLowerCase() + ", data on the bus"
                + (close ? ", closes" : "") + ")";
        return find(v, what, c -> c.target() == Target.BANK && c.meta().access() == d
                && c.meta().dataDirection() == d && c.closes() == close && plain(c));
    }

    private static Command refresh(List<Command> v, Target t) {
        return find(v, "refresh (target " + t.name().toLowerCase().replace('_', '-') + ", refresh)",
                c -> c.target() == t && c.isRefresh());
    }

    private static Command find(List<Command> v, String role, Predicate<Command> p) {
        List<Command> hits = new ArrayList<>();
        for (Command c : v) if (p.test(c)) hits.add(c);
        if (hits.size() > 1) {
            throw new IllegalArgumentException("commands " + hits + " all fit the role '" + role
                    + "'; a controller needs exactly one (change one command's flags)");
        }
        return hits.isEmpty() ? null : hits.get(0);
    }
}
