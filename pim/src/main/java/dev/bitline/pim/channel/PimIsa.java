package dev.bitline.pim.channel;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.pim.config.Placement;

/**
 * The commands a PIM program issues, looked up by name in the standard's vocabulary (where
 * they are rows of data with meta flags, like ACT and RD): the PIM command source names the
 * commands it issues, the engine, checker and energy model never do.
 *
 * @param activateAll all-bank activate (ACT_AB; AiM's ACT16)
 * @param activate single-bank activate (the standard's ACT), used where the power budget
 *     forbids opening every bank at once
 * @param prechargeAll PREA
 * @param refreshAll REFab
 * @param mac the all-unit MAC of the placement: MAC_AB (bank, bank-pair units), MAC_SB (one
 *     bank per bank group: bank-group units), MAC_BK (one bank: buffer- and logic-die units)
 * @param writeBuffer WR_GB, one column of input into the global buffer over the data bus
 * @param readResult RD_MAC, one burst of result registers over the data bus
 * @param activation AF, the activation function on the result registers (an AF stage after a GEMV)
 * @param closeRows the precharge that ends a sweep: PREA, or on a dual-row-buffer part
 *     ({@code ACT_AB} with {@code rowBuffer: pim}) PREA_PIM, which closes the PIM row buffers and
 *     leaves the host's rows open
 */
public record PimIsa(Command activateAll, Command activate, Command prechargeAll, Command refreshAll, Command mac,
        Command writeBuffer, Command readResult, Command closeRows, Command activation) {

    /** True on a dual-row-buffer part: the program's rows live in the PIM row buffers. */
    public boolean dualRowBuffer() {
        return activateAll.pimBuffer();
    }

    /** The MAC command a placement issues. */
    public static String macName(Placement p) {
        return switch (p) {
            case BANK, BANK_PAIR -> "MAC_AB";
            case BANK_GROUP -> "MAC_SB";
            case BUFFER_DIE, LOGIC_DIE -> "MAC_BK";
        };
    }

    /**
     * @throws IllegalArgumentException naming the command the standard lacks
     */
    public static PimIsa of(DramSpec spec, Placement placement) {
        Command actAll = need(spec, "ACT_AB");
        Command mac = need(spec, macName(placement));
        if (actAll.pimBuffer() != mac.pimBuffer()) {
            throw new IllegalArgumentException("standard " + spec.name() + ": ACT_AB and " + mac.name()
                    + " must work on the same row buffer (rowBuffer: pim on both, or on neither)");
        }
        Command close = actAll.pimBuffer() ? need(spec, "PREA_PIM") : need(spec, "PREA");
        return new PimIsa(actAll, spec.roles().activate(), need(spec, "PREA"), need(spec, "REFab"),
                mac, need(spec, "WR_GB"), need(spec, "RD_MAC"), close, spec.commandOrNull("AF"));
    }

    private static Command need(DramSpec spec, String name) {
        Command c = spec.commandOrNull(name);
        if (c == null) {
            throw new IllegalArgumentException("standard " + spec.name() + " has no command " + name
                    + " (expected a PIM standard under configs/dram/pim/ that defines it)");
        }
        return c;
    }
}
