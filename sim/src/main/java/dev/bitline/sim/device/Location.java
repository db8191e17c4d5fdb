package dev.bitline.sim.device;

/**
 * Where an operand lives when an operation starts, or where its result must be left. It decides
 * which bytes an operation moves and over what: a device charges the bytes whose location is not
 * its own storage to the path that reaches that location.
 */
public enum Location {
    /** Off-chip DRAM behind the device's memory port: every byte crosses the channel's data bus. */
    DRAM,
    /**
     * In the DRAM banks next to the device's compute (PIM): read at bank bandwidth inside the
     * device, never crossing the channel's data bus.
     */
    BANK,
    /** The device's own on-chip storage (SRAM buffers, a PIM global buffer, registers): no traffic. */
    ON_CHIP,
    /** Memory of another device across a host link (the host side of a PIM channel, PCIe, CXL). */
    HOST
}
