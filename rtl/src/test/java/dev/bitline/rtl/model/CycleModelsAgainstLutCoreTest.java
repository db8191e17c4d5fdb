package dev.bitline.rtl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.lut.functional.Fp16Datapath;
import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.ReferenceGemm;
import dev.bitline.rtl.gen.LutTile;
import dev.bitline.rtl.gen.LutTileParams;
import dev.bitline.rtl.gen.MacArray;
import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java cycle models against lut-core's functional model: whole GEMMs streamed through the
 * tile and the MAC array, group by group, give the LutGemm (and reference) outputs exactly.
 * With unsigned P-bit codes, scale 2 and zero point (2^P - 1)/2, the dequantized weight is
 * 2u - (2^P - 1) = q', so LutGemm's O = sum a q' is exactly what the tile accumulates.
 */
class CycleModelsAgainstLutCoreTest {

    private static int[] codes(SplittableRandom rnd, int n, int k, int planes) {
        int[] c = new int[n * k];
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextInt(1 << planes);
        }
        return c;
    }

    @Test
    void lutTileModelEqualsLutGemm() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + rnd.nextInt(3);
            int n = 1 + rnd.nextInt(6);
            int k = 2 + rnd.nextInt(4);
            int wmax = 1 + rnd.nextInt(4);
            int planes = 1 + rnd.nextInt(wmax);
            int groups = 1 + rnd.nextInt(12);
            int kk = k * groups;
            LutTileParams p = new LutTileParams(m, n, k, wmax, 8, 32, rnd.nextBoolean());
            byte[] a = new byte[m * kk];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (trial % 5 == 0 ? (rnd.nextBoolean() ? -128 : 127) : rnd.nextInt(256) - 128);
            }
            int[] u = codes(rnd, n, kk, planes);
            float[] scales = new float[n * groups];
            Arrays.fill(scales, 2f);
            int[] twiceZeros = new int[n * groups];
            Arrays.fill(twiceZeros, (1 << planes) - 1);
            WeightFormat fmt = new WeightFormat.UInt(planes);
            PackedWeights w = PackedWeights.fromLevels(fmt, n, kk, k, u, scales, twiceZeros);
            Activations.Int8 acts = new Activations.Int8(m, kk, a);
            double[] expected = LutGemm.multiply(acts, w, LutConfig.DEFAULT.withG(k)).out();
            assertEquals(Arrays.toString(ReferenceGemm.multiply(acts, w)), Arrays.toString(expected));

            PortLayout l = PortLayout.of(LutTile.build(p));
            LutTileModel model = new LutTileModel(p, l);
            long[] in = new long[l.inWords()];
            long[] out = new long[l.outWords()];
            int g = 0;
            long cycles = 0;
            boolean finished = false;
            int pulses = 0;
            while (!finished && cycles < 10_000) {
                Arrays.fill(in, 0);
                model.eval(in, out);
                boolean ready = out[l.output("in_ready").word()] != 0;
                if (out[l.output("out_valid").word()] != 0 && ++pulses == groups) {
                    for (int r = 0; r < m; r++) {
                        for (int c = 0; c < n; c++) {
                            long got = PortLayout.signExtend(out[l.output("acc_" + r + "_" + c).word()], 32);
                            assertEquals(expected[r * n + c], (double) got, "trial " + trial + " (" + r + "," + c + ")");
                        }
                    }
                    finished = true;
                }
                if (ready && g < groups) {
                    in[l.input("in_valid").word()] = 1;
                    in[l.input("in_first").word()] = g == 0 ? 1 : 0;
                    if (wmax > 1) {
                        in[l.input("in_planes_m1").word()] = planes - 1;
                    }
                    for (int r = 0; r < m; r++) {
                        long[] xs = new long[k];
                        for (int j = 0; j < k; j++) {
                            xs[j] = a[r * kk + g * k + j];
                            if (p.precompute()) {
                                PortLayout.setField(in, l.input("act").word(), (r * k + j) * 8, 8, xs[j]);
                            }
                        }
                        if (!p.precompute()) {
                            for (int e = 0; e < p.entries(); e++) {
                                PortLayout.setField(in, l.input("tables").word(), (r * p.entries() + e) * p.tableBits(),
                                        p.tableBits(), LutTileModel.symmetrizedEntry(xs, e));
                            }
                        }
                    }
                    for (int c = 0; c < n; c++) {
                        for (int j = 0; j < k; j++) {
                            PortLayout.setField(in, l.input("wcode").word(), (c * k + j) * wmax, wmax, u[c * kk + g * k + j]);
                        }
                    }
                    g++;
                }
                model.tick(in);
                cycles++;
            }
            assertTrue(finished, "trial " + trial + " never finished");
            // bit-serial: the accept cycle, one cycle per plane per group (groups back to back),
            // then the cycle where out_valid shows the result
            assertEquals((long) groups * planes + 2, cycles, "trial " + trial);
        }
    }

    /** Fp16Datapath's stored entry: the left-to-right fp16 FTZ sum of +-a_j (sign bit k-1 = 0). */
    private static short fp16Entry(short[] a, int index) {
        short s = 0;
        for (int j = 0; j < a.length; j++) {
            short term = ((index >>> j) & 1) != 0 ? a[j] : Fp16.negate(a[j]);
            s = j == 0 ? Fp16.fromFloatFtz(Fp16.toFloatFtz(term)) : Fp16.addFtz(s, term);
        }
        return s;
    }

    /**
     * The fp16 tile model streams whole GEMMs to lut-core's Fp16Datapath (the authors' RTL
     * numerics) bit for bit, tables computed as Fp16Datapath stores them; activations span
     * the fp16 range (including subnormals and values whose sums overflow).
     */
    @Test
    void fp16LutTileModelEqualsFp16Datapath() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + rnd.nextInt(3);
            int n = 1 + rnd.nextInt(6);
            int k = 2 + rnd.nextInt(4);
            int wmax = 1 + rnd.nextInt(4);
            int planes = 1 + rnd.nextInt(wmax);
            int groups = 1 + rnd.nextInt(12);
            int kk = k * groups;
            LutTileParams p = new LutTileParams(m, n, k, wmax, 16, 16, false, true);
            short[] a = new short[m * kk];
            for (int i = 0; i < a.length; i++) {
                int exp = trial % 4 == 0 ? rnd.nextInt(31) : 10 + rnd.nextInt(10);
                a[i] = (short) ((rnd.nextBoolean() ? 0x8000 : 0) | exp << 10 | rnd.nextInt(1024));
            }
            int[] u = codes(rnd, n, kk, planes);
            float[] scales = new float[n * groups];
            Arrays.fill(scales, 2f);
            int[] twiceZeros = new int[n * groups];
            Arrays.fill(twiceZeros, (1 << planes) - 1);
            PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(planes), n, kk, k, u, scales, twiceZeros);
            short[] expected = Fp16Datapath.multiply(new Activations.Fp16Values(m, kk, a), w, LutConfig.DEFAULT.withG(k));

            PortLayout l = PortLayout.of(LutTile.build(p));
            LutTileModel model = new LutTileModel(p, l);
            long[] in = new long[l.inWords()];
            long[] out = new long[l.outWords()];
            int g = 0;
            int pulses = 0;
            boolean finished = false;
            for (long cycles = 0; !finished && cycles < 10_000; cycles++) {
                Arrays.fill(in, 0);
                model.eval(in, out);
                if (out[l.output("out_valid").word()] != 0 && ++pulses == groups) {
                    for (int r = 0; r < m; r++) {
                        for (int c = 0; c < n; c++) {
                            short want = Fp16.isNaN(expected[r * n + c]) ? Fp16.NaN : expected[r * n + c];
                            assertEquals(want & 0xFFFF, out[l.output("acc_" + r + "_" + c).word()], "trial " + trial);
                        }
                    }
                    finished = true;
                }
                if (out[l.output("in_ready").word()] != 0 && g < groups) {
                    in[l.input("in_valid").word()] = 1;
                    in[l.input("in_first").word()] = g == 0 ? 1 : 0;
                    if (wmax > 1) {
                        in[l.input("in_planes_m1").word()] = planes - 1;
                    }
                    for (int r = 0; r < m; r++) {
                        short[] xs = Arrays.copyOfRange(a, r * kk + g * k, r * kk + g * k + k);
                        for (int e = 0; e < p.entries(); e++) {
                            PortLayout.setField(in, l.input("tables").word(), (r * p.entries() + e) * 16, 16, fp16Entry(xs, e));
                        }
                    }
                    for (int c = 0; c < n; c++) {
                        for (int j = 0; j < k; j++) {
                            PortLayout.setField(in, l.input("wcode").word(), (c * k + j) * wmax, wmax, u[c * kk + g * k + j]);
                        }
                    }
                    g++;
                }
                model.tick(in);
            }
            assertTrue(finished, "trial " + trial + " never finished");
        }
    }

    @Test
    void macArrayModelEqualsReferenceDotProducts() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            int rows = 1 + rnd.nextInt(3);
            int cols = 1 + rnd.nextInt(3);
            int k = 1 + rnd.nextInt(8);
            int wb = 1 + rnd.nextInt(4);
            int chunks = 1 + rnd.nextInt(6);
            int kk = k * chunks;
            MacArrayParams p = new MacArrayParams(rows, cols, k, wb, 8, 32);
            byte[] a = new byte[rows * kk];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (rnd.nextInt(256) - 128);
            }
            int[] u = codes(rnd, cols, kk, wb);
            int[] z = new int[cols];
            int[] levels = new int[cols * kk];
            for (int c = 0; c < cols; c++) {
                z[c] = rnd.nextInt(1 << wb);
                for (int j = 0; j < kk; j++) {
                    levels[c * kk + j] = u[c * kk + j];
                }
            }
            float[] scales = new float[cols];
            Arrays.fill(scales, 1f);
            int[] twiceZeros = new int[cols];
            for (int c = 0; c < cols; c++) {
                twiceZeros[c] = 2 * z[c];
            }
            PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(wb), cols, kk, kk, levels, scales, twiceZeros);
            double[] expected = ReferenceGemm.multiply(new Activations.Int8(rows, kk, a), w);

            PortLayout l = PortLayout.of(MacArray.build(p));
            MacArrayModel model = new MacArrayModel(p, l);
            long[] in = new long[l.inWords()];
            long[] out = new long[l.outWords()];
            int valids = 0;
            for (int cyc = 0; cyc < chunks + 2; cyc++) {
                Arrays.fill(in, 0);
                model.eval(in, out);
                if (out[l.output("out_valid").word()] != 0) {
                    valids++;
                }
                if (cyc < chunks) {
                    in[l.input("in_valid").word()] = 1;
                    in[l.input("in_first").word()] = cyc == 0 ? 1 : 0;
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < k; j++) {
                            PortLayout.setField(in, l.input("act").word(), (r * k + j) * 8, 8, a[r * kk + cyc * k + j]);
                        }
                    }
                    for (int c = 0; c < cols; c++) {
                        PortLayout.setField(in, l.input("zp").word(), c * wb, wb, z[c]);
                        for (int j = 0; j < k; j++) {
                            PortLayout.setField(in, l.input("wcode").word(), (c * k + j) * wb, wb, u[c * kk + cyc * k + j]);
                        }
                    }
                }
                model.tick(in);
            }
            Arrays.fill(in, 0);
            model.eval(in, out);
            assertEquals(chunks, valids, "out_valid pulses, trial " + trial);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    long got = PortLayout.signExtend(out[l.output("acc_" + r + "_" + c).word()], 32);
                    assertEquals(expected[r * cols + c], (double) got, "trial " + trial);
                }
            }
        }
    }
}
