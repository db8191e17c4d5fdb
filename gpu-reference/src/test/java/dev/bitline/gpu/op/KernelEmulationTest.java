package dev.bitline.gpu.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.gpu.npy.NpyArray;
import dev.bitline.sim.numeric.Fp16;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernels' arithmetic transliterated to Java and run on the very arrays bitline-cuda
 * would read: where the golden claims bit-exactness, the kernel's order of operations on the
 * device layouts reproduces it here (no GPU needed); where it claims a tolerance, the kernel's
 * order lands inside it.
 */
class KernelEmulationTest {

    static GpuOps.Prepared prep(String op, int m, int n, int k, int bits) {
        return GpuOps.prepare(OpSpec.parse(op, m, n, k, bits, 3, 64, 48), 7);
    }

    @Test
    void lutKernelArithmeticIsBitExact() {
        for (int bits : new int[] {1, 2, 3, 4, 5}) {
            GpuOps.Prepared p = prep("lut-gemv", 2, 12, 256, bits);
            byte[] a = p.inputs().get("a").bytes();
            int[] planes = p.inputs().get("planes").int32();
            short[] sc = p.inputs().get("scales").float16Bits();
            short[] z = p.inputs().get("zeros").float16Bits();
            int m = 2, n = 12, k = 256, group = 64, groups = k / group, words = k / 32;
            float[] out = new float[m * n];
            for (int i = 0; i < m; i++) {
                int[] table = new int[k / 4 * 16];
                for (int c = 0; c < k / 4; c++) {
                    for (int e = 0; e < 16; e++) {
                        int s = 0;
                        for (int j = 0; j < 4; j++) {
                            s += (e & (1 << j)) != 0 ? a[i * k + c * 4 + j] : 0;
                        }
                        table[c * 16 + e] = (short) s;
                    }
                }
                for (int row = 0; row < n; row++) {
                    double o = 0;
                    for (int g = 0; g < groups; g++) {
                        int acc = 0;
                        for (int pl = 0; pl < bits; pl++) {
                            for (int wi = g * group / 32; wi < (g + 1) * group / 32; wi++) {
                                int word = planes[(pl * n + row) * words + wi];
                                int s = 0;
                                for (int j = 0; j < 8; j++) {
                                    s += table[(wi * 8 + j) * 16 + ((word >>> (4 * j)) & 15)];
                                }
                                acc += s << pl;
                            }
                        }
                        int gsum = 0;
                        for (int kk = g * group; kk < (g + 1) * group; kk++) {
                            gsum += a[i * k + kk];
                        }
                        int twiceZ = (int) (2f * Fp16.toFloat(z[row * groups + g]));
                        long j2 = 2L * acc - (long) twiceZ * gsum;
                        o += ((double) Fp16.toFloat(sc[row * groups + g]) / 2.0) * (double) j2;
                    }
                    out[i * n + row] = (float) o;
                }
            }
            assertTrue(p.expected().compare(NpyArray.ofFloat32(out, m, n)).pass(), "W" + bits);
        }
    }

    @Test
    void dequantKernelOrderIsWithinTolerance() {
        for (int bits = 1; bits <= 8; bits++) {
            GpuOps.Prepared p = prep("w" + bits + "a16-gemv", 3, 10, 512, 0);
            short[] a = p.inputs().get("a").float16Bits();
            int[] codes = p.inputs().get("codes").int32();
            short[] sc = p.inputs().get("scales").float16Bits();
            short[] z = p.inputs().get("zeros").float16Bits();
            int m = 3, n = 10, k = 512, group = 64, groups = k / group, wpr = k * bits / 32;
            float[] out = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int row = 0; row < n; row++) {
                    float[] lane = new float[32];
                    for (int c = 0; c < k / 32; c++) {
                        int gi = c * 32 / group;
                        float s = Fp16.toFloat(sc[row * groups + gi]);
                        float zz = Fp16.toFloat(z[row * groups + gi]);
                        for (int j = 0; j < 32; j++) {
                            int bit = j * bits;
                            long lo = codes[row * wpr + c * bits + (bit >>> 5)] & 0xFFFFFFFFL;
                            long hi = (bit >>> 5) + 1 < bits ? codes[row * wpr + c * bits + (bit >>> 5) + 1] & 0xFFFFFFFFL : 0;
                            int code = (int) (((hi << 32 | lo) >>> (bit & 31)) & ((1 << bits) - 1));
                            float wv = Fp16.toFloat(Fp16.fromFloat(s * ((float) code - zz)));
                            lane[c % 32] = Math.fma(Fp16.toFloat(a[i * k + c * 32 + j]), wv, lane[c % 32]);
                        }
                    }
                    for (int sh = 16; sh > 0; sh >>= 1) {
                        for (int l = 0; l < sh; l++) {
                            lane[l] += lane[l + sh];
                        }
                    }
                    out[i * n + row] = lane[0];
                }
            }
            Expected.Comparison c = p.expected().compare(NpyArray.ofFloat32(out, m, n));
            assertTrue(c.pass(), "W" + bits + ": " + c.detail());
        }
    }

    @Test
    void ternaryAndBipolarKernelsAreExact() {
        GpuOps.Prepared t = prep("ternary-gemv", 2, 9, 64, 0);
        byte[] a = t.inputs().get("a").bytes();
        int[] codes = t.inputs().get("codes").int32();
        int[] out = new int[2 * 9];
        for (int i = 0; i < 2; i++) {
            for (int row = 0; row < 9; row++) {
                int s = 0;
                for (int wi = 0; wi < 4; wi++) {
                    for (int j = 0; j < 16; j++) {
                        s += a[i * 64 + wi * 16 + j] * (((codes[row * 4 + wi] >>> (2 * j)) & 3) - 1);
                    }
                }
                out[i * 9 + row] = s;
            }
        }
        assertTrue(t.expected().compare(NpyArray.ofInt32(out, 2, 9)).pass());

        GpuOps.Prepared b = GpuOps.prepare(OpSpec.parse("bipolar-gemm", 5, 6, 512, 4, 3, 512, 1), 3);
        int[] x = b.inputs().get("x").int32();
        int[] w = b.inputs().get("w").int32();
        int words = 512 / 32;
        int[] o = new int[5 * 6];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                long both = 0;
                long xo = 0;
                long wo = 0;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 4; q++) {
                        long pc = 0;
                        for (int v = 0; v < words; v++) {
                            pc += Integer.bitCount(x[(p * 5 + i) * words + v] & w[(q * 6 + j) * words + v]);
                        }
                        both += pc << (p + q);
                    }
                }
                for (int p = 0; p < 3; p++) {
                    for (int v = 0; v < words; v++) {
                        xo += (long) Integer.bitCount(x[(p * 5 + i) * words + v]) << p;
                    }
                }
                for (int q = 0; q < 4; q++) {
                    for (int v = 0; v < words; v++) {
                        wo += (long) Integer.bitCount(w[(q * 6 + j) * words + v]) << q;
                    }
                }
                long ox = -7;
                long ow = -15;
                o[i * 6 + j] = (int) (4 * both + 2 * ow * xo + 2 * ox * wo + 512L * ox * ow);
            }
        }
        assertTrue(b.expected().compare(NpyArray.ofInt32(o, 5, 6)).pass());
    }

    @Test
    void exactComparisonReportsTheFirstDifference() {
        GpuOps.Prepared t = prep("ternary-gemv", 1, 4, 32, 0);
        int[] g = t.expected().golden().int32();
        int[] bad = Arrays.copyOf(g, g.length);
        bad[2] += 1;
        Expected.Comparison c = t.expected().compare(NpyArray.ofInt32(bad, 1, 4));
        assertEquals(1, c.failures());
        assertTrue(c.detail().contains("first at flat index 2"), c.detail());
        assertTrue(!t.expected().compare(NpyArray.ofInt32(g, 4, 1)).pass());
    }

    @Test
    void layoutsRoundTripTheCodes() {
        GpuOps.Prepared p = prep("w5a16-gemv", 1, 3, 64, 0);
        int[] codes = p.inputs().get("codes").int32();
        assertArrayEquals(new int[] {3, 10}, p.inputs().get("codes").shape());
        assertEquals(3 * 10, codes.length);
    }

    @Test
    void specConstraintsNameTheFlag() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpSpec.of("w4a16-gemv", 1, 8, 100))
                .getMessage().startsWith("--k must be a multiple of 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpSpec.of("bipolar-gemm", 16, 8, 128))
                .getMessage().contains("multiple of 256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpSpec.of("w9a16-gemv", 1, 8, 128))
                .getMessage().startsWith("--op: unknown op 'w9a16-gemv'"));
        assertEquals("w3a16-gemv", OpSpec.of("W3A16-GEMV", 1, 8, 128).name());
    }
    @Test
    void fusedLowRankSlicesWithAtomicsStayWithinTolerance() {
        // lowrank-fused: 32-rank slices, a warp per rank (lanes stride K, shuffle tree), the
        // slice's partial fma-chain per output, partials added in an arbitrary (here reversed) order
        GpuOps.Prepared p = GpuOps.prepare(OpSpec.parse("lowrank-fused", 2, 40, 256, 4, 4, 64, 80), 5);
        short[] a = p.inputs().get("a").float16Bits();
        short[] c = p.inputs().get("c").float16Bits();
        short[] b = p.inputs().get("b").float16Bits();
        int m = 2, n = 40, k = 256, r = 80;
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            float[] t = new float[r];
            for (int q = 0; q < r; q++) {
                float[] lane = new float[32];
                for (int kk = 0; kk < k; kk++) {
                    lane[kk % 32] = Math.fma(Fp16.toFloat(a[i * k + kk]), Fp16.toFloat(c[q * k + kk]), lane[kk % 32]);
                }
                for (int off = 16; off > 0; off >>= 1) {
                    float[] next = lane.clone();
                    for (int l = 0; l < 32; l++) {
                        next[l] = lane[l] + lane[l ^ off];
                    }
                    lane = next;
                }
                t[q] = lane[0];
            }
            for (int j = 0; j < n; j++) {
                float o = 0f;
                for (int q0 = (r - 1) / 32 * 32; q0 >= 0; q0 -= 32) {
                    float part = 0f;
                    for (int q = q0; q < Math.min(r, q0 + 32); q++) {
                        part = Math.fma(t[q], Fp16.toFloat(b[j * r + q]), part);
                    }
                    o += part;
                }
                out[i * n + j] = o;
            }
        }
        Expected.Comparison cmp = p.expected().compare(NpyArray.ofFloat32(out, m, n));
        assertTrue(cmp.pass(), cmp.detail());
    }
}
