package dev.bitline.mapping.gpu;

/** Arithmetic a GPU's tensor cores (or CUDA cores for fp32) run a kernel in. */
public enum Precision { FP32, FP16, BF16, FP8, INT8, INT4 }
