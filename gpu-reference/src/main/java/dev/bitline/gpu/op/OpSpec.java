package dev.bitline.gpu.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One kernel run's shape: O[M,N] = A[M,K] W[N,K]^T, with the weight width ({@code bits}),
 * the activation width of bipolar-INT ({@code abits}), the quantization group and the
 * low-rank rank where the kind uses them. Construction checks the constraints bitline-cuda
 * has (K multiple of 32 or 256, group multiple of 32, ...) and names the flag that breaks one.
 */
public record OpSpec(OpKind kind, int m, int n, int k, int bits, int abits, int group, int rank) {

    public OpSpec {
        need(m >= 1 && n >= 1 && k >= 1, "--m, --n, --k must be >= 1, got " + m + ", " + n + ", " + k);
        switch (kind) {
            case DEQUANT_GEMV:
            case LUT_GEMV:
                need(bits >= 1 && bits <= 8, "--bits must be 1..8, got " + bits);
                need(k % 32 == 0, "--k must be a multiple of 32 for " + kind.pattern() + ", got " + k);
                need(group >= 32 && group % 32 == 0 && k % group == 0,
                        "--group must be a multiple of 32 that divides K = " + k + ", got " + group);
                if (kind == OpKind.LUT_GEMV) {
                    need(k <= 24576, "--k must be <= 24576 for lut-gemv (its tables live in shared memory), got " + k);
                }
                break;
            case TERNARY_GEMV:
                need(k % 16 == 0, "--k must be a multiple of 16 for ternary-gemv, got " + k);
                break;
            case BIPOLAR_GEMM:
                need(k % 256 == 0, "--k must be a multiple of 256 for bipolar-gemm (one b1 MMA is 256 deep), got " + k);
                need(bits >= 1 && bits <= 8 && abits >= 1 && abits <= 8,
                        "--bits and --abits must be 1..8, got " + bits + " and " + abits);
                // |sum| <= K (2^a - 1)(2^b - 1) must fit the int32 output
                need((double) k * ((1 << abits) - 1) * ((1 << bits) - 1) < Integer.MAX_VALUE,
                        "--k " + k + " with " + abits + "x" + bits + " bits overflows the int32 result");
                break;
            case LOWRANK_TWO_STAGE:
            case LOWRANK_FUSED:
                need(rank >= 1, "--rank must be >= 1, got " + rank);
                break;
            default:
                break;
        }
    }

    /** Standard spec with the defaults the CLI uses: 4-bit weights, 4-bit activations, group 128, rank 256. */
    public static OpSpec of(String op, int m, int n, int k) {
        return parse(op, m, n, k, 4, 4, Math.min(128, k), 256);
    }

    /**
     * Parses a binary op name; {@code bits} is taken from the name for w{b}a16-gemv and from
     * the argument otherwise.
     */
    public static OpSpec parse(String op, int m, int n, int k, int bits, int abits, int group, int rank) {
        String o = op.trim().toLowerCase(Locale.ROOT);
        if (o.matches("w[1-8]a16-gemv")) {
            return new OpSpec(OpKind.DEQUANT_GEMV, m, n, k, o.charAt(1) - '0', abits, group, rank);
        }
        for (OpKind kind : OpKind.values()) {
            if (kind.pattern().equals(o)) {
                return new OpSpec(kind, m, n, k, bits, abits, group, rank);
            }
        }
        throw new IllegalArgumentException("--op: unknown op '" + op + "' (expected one of " + String.join(", ", names()) + ")");
    }

    /** Every op name bitline-cuda accepts, in its order. */
    public static List<String> names() {
        List<String> l = new ArrayList<>();
        for (OpKind kind : OpKind.values()) {
            if (kind == OpKind.DEQUANT_GEMV) {
                for (int b = 1; b <= 8; b++) {
                    l.add("w" + b + "a16-gemv");
                }
            } else {
                l.add(kind.pattern());
            }
        }
        return l;
    }

    /** The op name bitline-cuda takes. */
    public String name() {
        return kind == OpKind.DEQUANT_GEMV ? "w" + bits + "a16-gemv" : kind.pattern();
    }

    /** "w4a16-gemv 1x4096x4096" with the widths that matter. */
    public String label() {
        String extra = switch (kind) {
            case LUT_GEMV -> " W" + bits + " g" + group;
            case DEQUANT_GEMV -> " g" + group;
            case BIPOLAR_GEMM -> " A" + abits + "W" + bits;
            case LOWRANK_TWO_STAGE, LOWRANK_FUSED -> " r" + rank;
            default -> "";
        };
        return name() + " " + m + "x" + n + "x" + k + extra;
    }

    private static void need(boolean ok, String msg) {
        if (!ok) {
            throw new IllegalArgumentException(msg);
        }
    }
}
