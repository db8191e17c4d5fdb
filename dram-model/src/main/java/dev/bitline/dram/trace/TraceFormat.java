package dev.bitline.dram.trace;

/** Text request-trace formats Bitline reads. */
public enum TraceFormat {
    /** DRAMsim3: {@code 0xADDR READ|WRITE cycle} per line. */
    DRAMSIM3,
    /**
     * Ramulator load/store: {@code LD|ST 0xADDR} per line, optionally preceded by a bubble count
     * ({@code <bubbles> LD 0xADDR}) as in Ramulator's CPU-trace style.
     */
    RAMULATOR;

    /** Guesses the format from the first request line; null if it looks like neither. */
    public static TraceFormat detect(String firstLine) {
        int hash = firstLine.indexOf('#'); // a trailing comment, as the readers allow after a request
        String[] tok = (hash >= 0 ? firstLine.substring(0, hash) : firstLine).trim().split("\\s+");
        if (tok.length == 0) {
            return null;
        }
        if (tok.length == 3 && (tok[1].equals("READ") || tok[1].equals("WRITE"))) {
            return DRAMSIM3;
        }
        if (tok[0].equals("LD") || tok[0].equals("ST")) {
            return RAMULATOR;
        }
        if (tok.length == 3 && (tok[1].equals("LD") || tok[1].equals("ST"))) {
            return RAMULATOR;
        }
        return null;
    }
}
