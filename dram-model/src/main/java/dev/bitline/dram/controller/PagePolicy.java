package dev.bitline.dram.controller;

/** Row-buffer management. */
public enum PagePolicy {
    /** Leave the row open until a request to another row needs the bank. */
    OPEN,
    /** Close the row as soon as no queued request hits it (auto-precharge on the last hit). */
    CLOSED,
    /** Like OPEN, but precharge a bank whose row has seen no access for {@code pageTimeout} cycles. */
    TIMEOUT
}
