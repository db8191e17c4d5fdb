package dev.bitline.dram.port;

/** A read or write of one burst at {@code address}; {@code tag} comes back in the response. */
public record MemRequest(long address, boolean write, long tag) {
}
