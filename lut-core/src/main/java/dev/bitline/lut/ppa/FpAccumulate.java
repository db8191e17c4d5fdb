package dev.bitline.lut.ppa;

/** Accumulation precision used with floating-point activations (LUT and MAC alike). */
public enum FpAccumulate {
    FP16,
    FP32
}
