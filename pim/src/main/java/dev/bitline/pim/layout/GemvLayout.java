package dev.bitline.pim.layout;

import dev.bitline.pim.mac.InputFormat;

/**
 * Where the weights of y = W x (W: {@code n} rows x {@code k} columns) live in a PIM system, and
 * in which order the MAC units walk them. Designed here (PIM-GPT and AiM describe the idea -
 * rows spread over every bank so all units work at once, row locality, the vector broadcast
 * through a per-channel buffer - not the exact placement):
 *
 * <ul>
 *   <li>Each matrix row lives whole in one bank, so one unit accumulates its dot product and no
 *       partial sums cross banks. Row r goes to bank {@code r mod B} of the B banks of the system,
 *       channels fastest ({@code ch = b mod channels}), so consecutive rows land on different
 *       channels and every channel gets the same share. {@code slot = r / B} is the row's index
 *       within its bank.
 *   <li>The input vector is cut into chunks of {@code chunk} elements: as many whole columns as
 *       both a DRAM row and the global buffer hold. All banks of a channel work on the same chunk
 *       at a time, since the buffer broadcasts one chunk to every unit.
 *   <li>A DRAM row holds {@code chunksPerRow} consecutive chunks of one matrix row (more than one
 *       only when the buffer is smaller than a row, as on HBM-PIM whose "buffer" is the units'
 *       input registers). Slot s, chunk j sits in DRAM row {@code s * rowsPerSlot + j / chunksPerRow},
 *       column {@code (j % chunksPerRow) * columnsPerChunk + c}.
 *   <li>Order: slots in blocks of R (the result registers per bank); per block, chunk by chunk:
 *       load the chunk into the buffer, then for each slot of the block open its row and run the
 *       chunk's MAC commands, accumulating into register {@code slot mod R}; after the block's last
 *       chunk read the block's results out. The buffer is loaded {@code blocks x chunks} times.
 * </ul>
 *
 * @param geometry the system
 * @param format element format of W and x
 * @param n rows of W (outputs)
 * @param k columns of W (reduction length)
 * @param resultRegisters R, accumulators per bank
 * @param bufferElements elements of x the global buffer holds
 */
public record GemvLayout(Geometry geometry, InputFormat format, int n, int k, int resultRegisters,
        int bufferElements) {

    public GemvLayout {
        if (n < 1 || k < 1) throw new IllegalArgumentException("matrix must be at least 1 x 1, got " + n + " x " + k);
        if (resultRegisters < 1) throw new IllegalArgumentException("resultRegisters must be >= 1");
    }

    /** Elements in one column access. */
    public int elementsPerColumn() {
        return format.elementsPer(geometry.columnBytes());
    }

    public int elementsPerRow() {
        return geometry.columnsPerRow() * elementsPerColumn();
    }

    /** Elements of x per chunk: whole columns, at most one DRAM row and at most the buffer. */
    public int chunk() {
        int e = elementsPerColumn();
        int cols = Math.min(geometry.columnsPerRow(), bufferElements / e);
        return cols * e;
    }

    public int columnsPerChunk() {
        return chunk() / elementsPerColumn();
    }

    public int chunks() {
        return (k + chunk() - 1) / chunk();
    }

    /** MAC columns of chunk j (the last one may be partial). */
    public int columnsOfChunk(int j) {
        int elems = Math.min(chunk(), k - j * chunk());
        return (elems + elementsPerColumn() - 1) / elementsPerColumn();
    }

    public int chunksPerRow() {
        return geometry.columnsPerRow() / columnsPerChunk();
    }

    public int rowsPerSlot() {
        return (chunks() + chunksPerRow() - 1) / chunksPerRow();
    }

    /** Slots per bank: matrix rows the busiest bank holds. */
    public int slots() {
        return (n + geometry.totalBanks() - 1) / geometry.totalBanks();
    }

    public int blocks() {
        return (slots() + resultRegisters - 1) / resultRegisters;
    }

    /** Slots of block b. */
    public int slotsOfBlock(int b) {
        return Math.min(resultRegisters, slots() - b * resultRegisters);
    }

    /** DRAM rows per bank the matrix needs. */
    public long dramRowsPerBank() {
        return (long) slots() * rowsPerSlot();
    }

    public int dramRow(int slot, int chunk) {
        return slot * rowsPerSlot() + chunk / chunksPerRow();
    }

    public int firstColumn(int chunk) {
        return (chunk % chunksPerRow()) * columnsPerChunk();
    }

    /**
     * Flat bank index of the system ({@code (channel * rankUnits + rankUnit) * banksPerRankUnit + bank})
     * to matrix row for a slot, or -1 where the bank holds no row in that slot (padding).
     */
    public int matrixRow(int channel, int rankUnit, int bank, int slot) {
        Geometry g = geometry;
        int perChannelBank = rankUnit * g.banksPerRankUnit() + bank;
        long r = (long) slot * g.totalBanks() + (long) perChannelBank * g.channels() + channel;
        return r < n ? (int) r : -1;
    }

    /** A one-line reason this layout cannot be used, or null. */
    public String problem() {
        int e = elementsPerColumn();
        if (bufferElements < e) {
            return "global buffer of " + bufferElements + " " + format.name().toLowerCase() + " elements is smaller than one "
                    + e + "-element column tile (expected globalBuffer.size >= " + geometry.columnBytes() + "B)";
        }
        if (geometry.columnsPerRow() % columnsPerChunk() != 0) {
            return "a DRAM row of " + geometry.columnsPerRow() + " columns is not a whole number of "
                    + columnsPerChunk() + "-column buffer chunks (expected a power-of-two globalBuffer.size)";
        }
        if (dramRowsPerBank() > geometry.rows()) {
            return "matrix " + n + " x " + k + " does not fit the banks: needs " + dramRowsPerBank()
                    + " rows per bank, the part has " + geometry.rows() + " (" + geometry.totalBanks() + " banks)";
        }
        return null;
    }
}
