package dev.bitline.mapping.schedule;

/**
 * Bytes one scheduled operation moves between two places, named as the hardware names them
 * ({@code banks->mac}, {@code host->channels}, {@code hbm->sm}, {@code port->lut}).
 */
public record Move(String from, String to, long bytes) {
    public Move {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative move " + from + "->" + to + ": " + bytes);
        }
    }
}
