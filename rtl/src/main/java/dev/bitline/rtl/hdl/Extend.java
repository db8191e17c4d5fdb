package dev.bitline.rtl.hdl;

/**
 * {@code a} widened to {@code width} bits, by its sign bit when {@code signExtend}, with zeros
 * otherwise; also the reinterpretation of the same bits as signed/unsigned (width unchanged).
 */
public record Extend(Expr a, int width, boolean signExtend, boolean signed, SourceLine src) implements Expr {
}
