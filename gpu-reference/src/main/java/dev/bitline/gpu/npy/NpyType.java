package dev.bitline.gpu.npy;

import java.util.Locale;

/**
 * The element types Bitline exchanges with the CUDA binary, each with its NumPy
 * {@code descr} (little-endian; one-byte types are byte-order free and written with '|').
 */
public enum NpyType {
    FLOAT16("f2", 2), FLOAT32("f4", 4), INT8("i1", 1), INT32("i4", 4), UINT8("u1", 1);

    private final String code;
    private final int size;

    NpyType(String code, int size) {
        this.code = code;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The descr NumPy writes for this type: {@code <f2}, {@code |i1}. */
    public String descr() {
        return (size == 1 ? "|" : "<") + code;
    }

    /**
     * Parses a descr. Accepts {@code <}, {@code |} and {@code =}-less little-endian forms;
     * big-endian ({@code >}) and unknown types are errors whose message says what is accepted.
     */
    static NpyType parse(String descr) {
        String d = descr.trim();
        if (d.isEmpty()) {
            throw new IllegalArgumentException("empty descr");
        }
        char order = d.charAt(0);
        String code = d;
        if (order == '<' || order == '|' || order == '>' || order == '=') {
            code = d.substring(1);
        } else {
            order = '|';
        }
        for (NpyType t : values()) {
            if (t.code.equals(code.toLowerCase(Locale.ROOT))) {
                if (order == '>' && t.size > 1) {
                    throw new IllegalArgumentException("big-endian dtype '" + descr
                            + "' (expected little-endian, e.g. '" + t.descr() + "'; use arr.astype('" + t.descr() + "'))");
                }
                if (order == '=' && t.size > 1) {
                    throw new IllegalArgumentException("native-order dtype '" + descr + "' (expected an explicit '<')");
                }
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr
                + "' (expected <f2, <f4, |i1, <i4 or |u1)");
    }
}
