package dev.bitline.lut.kernel;

/** {@link QuantGemm} over the scalar g = 8 {@link LutKernel}: the fallback without the Vector API. */
final class ScalarLutGemm implements QuantGemm {
    private final LutKernel kernel;
    private final long weightBytes;

    ScalarLutGemm(LutKernel kernel) {
        this.kernel = kernel;
        this.weightBytes = kernel.indexBytes() + 16L * kernel.n() * kernel.groups();
    }

    @Override
    public String name() {
        return "lut-scalar-g8";
    }

    @Override
    public int n() {
        return kernel.n();
    }

    @Override
    public int k() {
        return kernel.k();
    }

    @Override
    public long weightBytes() {
        return weightBytes;
    }

    /** Single-threaded: {@code threads} is ignored. */
    @Override
    public void gemm(byte[] a, int m, double[] out, int threads) {
        kernel.gemm(a, m, out, kernel.newScratch());
    }
}
