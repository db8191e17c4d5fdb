package dev.bitline.gpu.op;

/** The kernels bitline-cuda runs, by family; {@link OpSpec#name()} gives the binary's op name. */
public enum OpKind {
    /** fp16 GEMV, our warp-per-column CUDA-core kernel. */
    FP16_GEMV("fp16-gemv"),
    /** fp16 GEMM, our WMMA tensor-core kernel. */
    FP16_GEMM("fp16-gemm"),
    /** fp16 GEMM by cuBLAS (the fair baseline where the library is installed). */
    CUBLAS_GEMM("cublas-gemm"),
    /** W{bits}A16 dequantize-then-GEMV, any width 1..8. */
    DEQUANT_GEMV("w<bits>a16-gemv"),
    /** LUT mpGEMV, int8 activations, unsigned weight codes with group scales and zero points. */
    LUT_GEMV("lut-gemv"),
    /** Ternary (BitNet b1.58) GEMV with int8 activations, int32 result. */
    TERNARY_GEMV("ternary-gemv"),
    /** Bipolar-INT arbitrary-precision GEMM on binary tensor cores, int32 result. */
    BIPOLAR_GEMM("bipolar-gemm"),
    /** Low-rank W = B C as two GEMVs with an fp16 intermediate. */
    LOWRANK_TWO_STAGE("lowrank-2stage"),
    /** Low-rank W = B C fused, intermediate streamed through shared memory (FlashSVD). */
    LOWRANK_FUSED("lowrank-fused");

    private final String pattern;

    OpKind(String pattern) {
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }
}
