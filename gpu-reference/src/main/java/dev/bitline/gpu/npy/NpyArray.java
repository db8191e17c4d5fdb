package dev.bitline.gpu.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as NumPy stores it: element type, shape, and the raw
 * little-endian C-order bytes. Typed views copy out; factories copy in. The data array
 * is not copied by the constructor; treat instances as immutable.
 */
public record NpyArray(NpyType type, int[] shape, byte[] data) {

    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n * type.size() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type + " needs "
                    + n * type.size() + " bytes, got " + data.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long elements() {
        return data.length / type.size();
    }

    public int dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    public static NpyArray ofFloat16(short[] bits, int... shape) {
        ByteBuffer b = buffer(bits.length * 2);
        b.asShortBuffer().put(bits);
        return new NpyArray(NpyType.FLOAT16, shape, b.array());
    }

    public static NpyArray ofFloat32(float[] v, int... shape) {
        ByteBuffer b = buffer(v.length * 4);
        b.asFloatBuffer().put(v);
        return new NpyArray(NpyType.FLOAT32, shape, b.array());
    }

    public static NpyArray ofInt32(int[] v, int... shape) {
        ByteBuffer b = buffer(v.length * 4);
        b.asIntBuffer().put(v);
        return new NpyArray(NpyType.INT32, shape, b.array());
    }

    public static NpyArray ofInt8(byte[] v, int... shape) {
        return new NpyArray(NpyType.INT8, shape, v.clone());
    }

    public static NpyArray ofUInt8(byte[] v, int... shape) {
        return new NpyArray(NpyType.UINT8, shape, v.clone());
    }

    public short[] float16Bits() {
        expect(NpyType.FLOAT16);
        short[] out = new short[data.length / 2];
        view().asShortBuffer().get(out);
        return out;
    }

    public float[] float32() {
        expect(NpyType.FLOAT32);
        float[] out = new float[data.length / 4];
        view().asFloatBuffer().get(out);
        return out;
    }

    public int[] int32() {
        expect(NpyType.INT32);
        int[] out = new int[data.length / 4];
        view().asIntBuffer().get(out);
        return out;
    }

    /** Bytes of an int8 or uint8 array (uint8 values read back with {@code & 0xFF}). */
    public byte[] bytes() {
        if (type != NpyType.INT8 && type != NpyType.UINT8) {
            throw new IllegalStateException("array is " + type + ", not INT8/UINT8");
        }
        return data.clone();
    }

    /** Every element as a double, whatever the type (uint8 unsigned); fp16 decoded exactly. */
    public double[] asDoubles() {
        int n = (int) elements();
        double[] v = new double[n];
        ByteBuffer b = view();
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case FLOAT16 -> dev.bitline.sim.numeric.Fp16.toDouble(b.getShort(2 * i));
                case FLOAT32 -> b.getFloat(4 * i);
                case INT32 -> b.getInt(4 * i);
                case INT8 -> data[i];
                case UINT8 -> data[i] & 0xFF;
            };
        }
        return v;
    }

    public boolean sameContent(NpyArray o) {
        return type == o.type && Arrays.equals(shape, o.shape) && Arrays.equals(data, o.data);
    }

    private void expect(NpyType t) {
        if (type != t) {
            throw new IllegalStateException("array is " + type + ", not " + t);
        }
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
