package dev.bitline.lut.functional;

/**
 * Error of int8-quantized tables against unquantized ones.
 *
 * @param maxAbsError       max |dequantized entry - exact entry| over all entries
 * @param maxRelativeError  max over tables of (that table's max abs error / its max |entry|)
 * @param meanAbsError      mean |error| over all entries
 * @param entries           entries compared
 */
public record TableQuantError(double maxAbsError, double maxRelativeError, double meanAbsError, long entries) {}
