package dev.bitline.sim;

/**
 * Every intra-picosecond event priority used by a Bitline model, in one table (lower runs first;
 * ties run in scheduling order). In the spirit of gem5's {@code eventq.hh} priority block: when two
 * components share one {@link Simulator} their same-time events interleave by these levels, so
 * the order must be decided here, once, with its reason, not by constants scattered over the
 * models. A model that needs a new level adds it here, between the levels it must follow and
 * precede, and says why.
 *
 * <p>The values are the ones the validated figures (DRAM reference study, LUT Tensor Core
 * reproduction, golden command traces) were produced with; renumbering them changes results
 * wherever two clocks share an edge.
 *
 * <pre>
 *   level                  value  who
 *   DATA_ARRIVAL             -1   memory ports' read completions (FixedBandwidthPort, DramMemoryPort)
 *   DEFAULT                   0   link deliveries and credits, device-operation completions, demo pipeline
 *   arbitrated(i)           0+i   LUT tiles' own events: tile i at priority i (fixed-priority arbiter)
 *   DRAM_WAKE                 1   DramDevice waking its controllers for a decision cycle
 * </pre>
 */
public final class Priorities {
    private Priorities() {}

    /**
     * Data delivered by a memory port at a clock edge. It runs before anything else at that time so
     * that work which can start at the edge (a LUT tile's next weight chunk) sees the data that
     * arrived with it, as a register that latches its input on the edge would.
     */
    public static final int DATA_ARRIVAL = -1;

    /**
     * Everything without a reason to be elsewhere: link deliveries and credit returns, a device's
     * completion event for an operation, the demo pipeline. Links use it so that a message sent
     * with zero latency is seen by the receiver in the same picosecond, in send order.
     */
    public static final int DEFAULT = 0;

    /**
     * A DRAM controller's decision wake-up. It runs after the {@link #DEFAULT} link deliveries of
     * the same picosecond, so a request that arrives in DRAM cycle c takes part in cycle c's
     * decision, exactly as when the controller is driven directly by a trace (the event-driven
     * and trace-driven runs then issue the same commands).
     */
    public static final int DRAM_WAKE = 1;

    /**
     * Priority of peer {@code index} among identical units that a fixed-priority arbiter orders
     * (LUT tiles: tile i's chunk ends and ticks run at {@code DEFAULT + i}), so same-time requests
     * from peers reach a shared resource lowest index first. The range overlaps {@link
     * #DRAM_WAKE}: a tile with index >= 1 finishing on a DRAM edge is seen by that edge's
     * decision only if its request arrived before the wake-up, which is the order the LUT-on-DRAM
     * figures were measured with.
     */
    public static int arbitrated(int index) {
        if (index < 0 || index > Short.MAX_VALUE - DEFAULT) {
            throw new IllegalArgumentException("arbitration index " + index + " out of range");
        }
        return DEFAULT + index;
    }
}
