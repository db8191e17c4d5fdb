package dev.bitline.dram.controller;

/**
 * How the second command of a cycle is chosen on a part with separate row and column command
 * buses (HBM: one row and one column command may issue in the same cycle). No effect on a part
 * with one command bus.
 */
public enum DualIssue {
    /**
     * After the first command, the best candidate of the other bus issues too if one is ready
     * (Bitline's default; Ramulator 2.1's HBM controllers pick one command per bus).
     */
    OTHER_BUS,
    /**
     * DRAMsim3's rule ({@code Controller::ClockTick} with {@code enable_hbm_dual_cmd}): the second
     * command is the first ready command of any kind, searched as the first one was (with
     * round-robin arbitration from the bank after the first one's); it issues only if it belongs
     * to the other bus. If it belongs to the same bus nothing more issues this cycle, but the
     * round-robin search has moved past its bank all the same ({@code CommandQueue::GetNextQueue}),
     * so the next cycle's search starts after it.
     */
    FIRST_READY
}
