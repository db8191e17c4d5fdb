package dev.bitline.gpu.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.io.InputException;
import dev.bitline.sim.numeric.Fp16;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    // Bytes written by numpy 2.4 np.save / np.lib.format.write_array (copied from its output)
    static final String I4_3 = "934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d"
            + "20".repeat(60) + "0a010000000200000003000000";
    static final String F2_2X2 = "934e554d5059010076007b276465736372273a20273c6632272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d"
            + "20".repeat(58) + "0a003e00c00000ff7b";
    static final String I1_2X3 = "934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d"
            + "20".repeat(58) + "0a000102030405";
    static final String U1_V2 = "934e554d50590200740000007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d"
            + "20".repeat(58) + "0a0708";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void readsNumpyWrittenFiles() {
        NpyArray a = Npy.decode("a.npy", hex(I4_3));
        assertEquals(NpyType.INT32, a.type());
        assertArrayEquals(new int[] {3}, a.shape());
        assertArrayEquals(new int[] {1, 2, 3}, a.int32());

        NpyArray h = Npy.decode("h.npy", hex(F2_2X2));
        assertArrayEquals(new int[] {2, 2}, h.shape());
        short[] bits = h.float16Bits();
        assertEquals(1.5f, Fp16.toFloat(bits[0]));
        assertEquals(-2f, Fp16.toFloat(bits[1]));
        assertEquals(0f, Fp16.toFloat(bits[2]));
        assertEquals(65504f, Fp16.toFloat(bits[3]));

        NpyArray b = Npy.decode("b.npy", hex(I1_2X3));
        assertArrayEquals(new int[] {2, 3}, b.shape());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, b.bytes());

        NpyArray u = Npy.decode("u.npy", hex(U1_V2));
        assertEquals(NpyType.UINT8, u.type());
        assertArrayEquals(new byte[] {7, 8}, u.bytes());
    }

    @Test
    void writesTheBytesNumpyWrites() {
        assertArrayEquals(hex(I4_3), Npy.encode(NpyArray.ofInt32(new int[] {1, 2, 3}, 3)));
        short[] h = {Fp16.fromFloat(1.5f), Fp16.fromFloat(-2f), 0, Fp16.MAX_VALUE};
        assertArrayEquals(hex(F2_2X2), Npy.encode(NpyArray.ofFloat16(h, 2, 2)));
        assertArrayEquals(hex(I1_2X3), Npy.encode(NpyArray.ofInt8(new byte[] {0, 1, 2, 3, 4, 5}, 2, 3)));
    }

    @Test
    void dataStartsAligned() {
        for (int[] shape : new int[][] {{}, {0}, {1}, {7, 3}, {2, 3, 4, 5}}) {
            int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            byte[] f = Npy.encode(NpyArray.ofFloat32(new float[n], shape));
            assertEquals(0, (f.length - 4 * n) % 64, Arrays.toString(shape));
        }
    }

    @Property(tries = 40, seed = "14")
    void roundTrips(@ForAll @IntRange(min = 0, max = 4) int rank, @ForAll @IntRange(min = 0, max = 5) int d,
                    @ForAll @IntRange(min = 1, max = 2) int version, @ForAll @IntRange(min = 0, max = 4) int type) {
        int[] shape = new int[rank];
        Arrays.fill(shape, d);
        if (rank > 0) {
            shape[0] = d + 1;
        }
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        NpyType t = NpyType.values()[type];
        byte[] raw = new byte[n * t.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 37 + d);
        }
        NpyArray a = new NpyArray(t, shape, raw);
        String dict = new String(Npy.encode(a), StandardCharsets.ISO_8859_1);
        dict = dict.substring(dict.indexOf('{'), dict.indexOf('}') + 1);
        NpyArray back = Npy.decode("x.npy", Npy.encode(a, dict, version));
        assertTrue(a.sameContent(back));
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) {
        Path f = dir.resolve("x.npy");
        NpyArray a = NpyArray.ofFloat32(new float[] {1f, -0f, Float.NaN}, 3);
        Npy.write(f, a);
        assertTrue(a.sameContent(Npy.read(f)));
    }

    private static String error(byte[] bytes) {
        return assertThrows(InputException.class, () -> Npy.decode("w.npy", bytes)).getMessage();
    }

    private static byte[] withDict(String dict, byte[] data) {
        byte[] h = Npy.encode(NpyArray.ofUInt8(new byte[0], 0), dict, 1);
        byte[] out = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }

    @Test
    void malformedFilesGiveOneLineErrors() {
        byte[] ok = hex(I4_3);
        byte[] badMagic = ok.clone();
        badMagic[1] = 'X';
        assertTrue(error(badMagic).startsWith("w.npy: not a .npy file"), error(badMagic));
        assertTrue(error(new byte[3]).contains("not a .npy file"));

        String trunc = error(Arrays.copyOf(ok, ok.length - 1));
        assertTrue(trunc.contains("truncated data") && trunc.contains("needs 12 bytes, file has 11"), trunc);
        assertTrue(error(Arrays.copyOf(ok, 40)).contains("truncated .npy header"), error(Arrays.copyOf(ok, 40)));
        assertTrue(error(Arrays.copyOf(ok, 9)).contains("truncated .npy header"));
        assertTrue(error(Arrays.copyOf(ok, ok.length + 2)).contains("2 bytes after the data"));

        byte[] v3 = ok.clone();
        v3[6] = 3;
        assertTrue(error(v3).contains("version 3.0 (expected 1.0 or 2.0)"), error(v3));

        String fortran = error(withDict("{'descr': '<i4', 'fortran_order': True, 'shape': (3,), }", new byte[12]));
        assertTrue(fortran.contains("Fortran-order array (expected C order"), fortran);

        String be = error(withDict("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        assertTrue(be.contains("big-endian dtype '>f4'"), be);

        String f8 = error(withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertTrue(f8.contains("unsupported dtype '<f8'"), f8);

        String missing = error(withDict("{'descr': '<f4', 'shape': (1,), }", new byte[4]));
        assertTrue(missing.contains("missing key"), missing);
        String garbage = error(withDict("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", new byte[4]));
        assertTrue(garbage.contains("expected True or False"), garbage);
        for (String msg : new String[] {trunc, fortran, be, f8, missing, garbage}) {
            assertTrue(!msg.contains("\n"), msg);
        }
    }

    @Test
    void missingFileIsInputError(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> Npy.read(dir.resolve("none.npy")));
        assertTrue(e.getMessage().endsWith("none.npy: no such file"));
        assertTrue(!Files.exists(dir.resolve("none.npy")));
    }
}
