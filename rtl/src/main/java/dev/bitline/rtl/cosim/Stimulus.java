package dev.bitline.rtl.cosim;

import dev.bitline.rtl.model.PortLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random and directed input frames for a unit, one per cycle, from a seed (the same seed gives
 * the same frames, which is how a mismatch's VCD is replayed).
 *
 * <p>Every input port has a role: {@link Role.Reset} ({@code rst}: high for the first two
 * cycles, then a 1-3 cycle pulse every few thousand cycles: reset mid-stream), {@link Role.Control}
 * (a random bit with a probability), {@link Role.Choice} (one of a few values) or {@link Role.Data}
 * (fields of a given width). Data ports
 * take a pattern per block of {@value #BLOCK} cycles: even blocks are random; odd blocks step
 * through every combination of the directed patterns over the data ports (all fields zero, all
 * ones, the signed max, the signed min, each field randomly max or min), so all-zero and
 * all-one weights meet max and min activations within the first few ten thousand cycles.
 */
public final class Stimulus {
    public static final int BLOCK = 256;

    public sealed interface Role permits Role.Reset, Role.Control, Role.Data, Role.Float, Role.Choice {
        record Reset() implements Role {}

        record Control(double probability) implements Role {}

        /** Fields of {@code fieldBits} (the port width a multiple of it). */
        record Data(int fieldBits) implements Role {}

        /**
         * IEEE fields of 1 + exp + man bits (the port width a multiple of it). Random blocks mix
         * values with exponents near the bias (sums that round and cancel), fully random bit
         * patterns, subnormals and the edges of the exponent range, and a field's negated
         * neighbour (exact cancellation); the directed patterns are float corners: ZERO = +-0,
         * ONES = +-inf and NaNs, MAX = +-largest finite, MIN = +-smallest subnormal or normal,
         * EXTREMES = any of these.
         */
        record Float(int exp, int man) implements Role {
            public int fieldBits() {
                return 1 + exp + man;
            }
        }

        /** One of {@code values} each cycle, uniformly (commands; values next to a limit). */
        record Choice(long... values) implements Role {}
    }

    public enum Pattern { RANDOM, ZERO, ONES, MAX, MIN, EXTREMES }

    private static final Pattern[] DIRECTED = {Pattern.ZERO, Pattern.ONES, Pattern.MAX, Pattern.MIN, Pattern.EXTREMES};

    private final PortLayout layout;
    private final List<Role> roles = new ArrayList<>();
    private final List<Integer> dataPorts = new ArrayList<>();
    private final SplittableRandom rnd;
    private final Pattern[] current;
    private final long[] patternCycles;
    private long nextReset;
    private int resetLeft;
    private long cycle;

    public Stimulus(PortLayout layout, Map<String, Role> byPort, long seed) {
        this.layout = layout;
        for (PortLayout.Slot s : layout.inputs()) {
            Role r = byPort.get(s.name());
            if (r == null) {
                throw new IllegalArgumentException("no stimulus role for input '" + s.name() + "'");
            }
            int fb = r instanceof Role.Data d ? d.fieldBits() : r instanceof Role.Float f ? f.fieldBits() : 1;
            if (s.width() % fb != 0) {
                throw new IllegalArgumentException("input '" + s.name() + "': width " + s.width() + " not a multiple of " + fb);
            }
            if (r instanceof Role.Data || r instanceof Role.Float) {
                dataPorts.add(s.id());
            }
            roles.add(r);
        }
        rnd = new SplittableRandom(seed);
        current = new Pattern[layout.inputs().size()];
        patternCycles = new long[Pattern.values().length];
        nextReset = 2000 + rnd.nextInt(4000);
    }

    /** Cycles so far whose data ports (any) carried each pattern. */
    public long cyclesWith(Pattern p) {
        return patternCycles[p.ordinal()];
    }

    /** Fills {@code frame} with the next cycle's inputs. */
    public void next(long[] frame) {
        if (cycle % BLOCK == 0) {
            choosePatterns(cycle / BLOCK);
        }
        java.util.Arrays.fill(frame, 0);
        boolean[] counted = new boolean[Pattern.values().length];
        for (PortLayout.Slot s : layout.inputs()) {
            Role r = roles.get(s.id());
            if (r instanceof Role.Reset) {
                frame[s.word()] = reset() ? 1 : 0;
            } else if (r instanceof Role.Control c) {
                frame[s.word()] = rnd.nextDouble() < c.probability() ? 1 : 0;
            } else if (r instanceof Role.Choice ch) {
                PortLayout.setField(frame, s.word(), 0, Math.min(64, s.width()), ch.values()[rnd.nextInt(ch.values().length)]);
            } else if (r instanceof Role.Data d) {
                Pattern p = current[s.id()];
                counted[p.ordinal()] = true;
                fill(frame, s, d.fieldBits(), p);
            } else if (r instanceof Role.Float f) {
                Pattern p = current[s.id()];
                counted[p.ordinal()] = true;
                fillFloat(frame, s, f, p);
            }
        }
        for (int i = 0; i < counted.length; i++) {
            if (counted[i]) {
                patternCycles[i]++;
            }
        }
        cycle++;
    }

    private boolean reset() {
        if (cycle < 2) {
            return true;
        }
        if (resetLeft > 0) {
            resetLeft--;
            return true;
        }
        if (cycle == nextReset) {
            resetLeft = rnd.nextInt(3);
            nextReset = cycle + 2000 + rnd.nextInt(6000);
            return true;
        }
        return false;
    }

    private void choosePatterns(long block) {
        if (block % 2 == 0) {
            for (int id : dataPorts) {
                current[id] = Pattern.RANDOM;
            }
            return;
        }
        long t = block / 2;
        for (int id : dataPorts) {
            current[id] = DIRECTED[(int) (t % DIRECTED.length)];
            t /= DIRECTED.length;
        }
    }

    private void fill(long[] frame, PortLayout.Slot s, int fb, Pattern p) {
        int fields = s.width() / fb;
        long ones = fb == 64 ? -1L : (1L << fb) - 1;
        long max = ones >>> 1;
        long min = 1L << (fb - 1);
        if (p == Pattern.RANDOM && fb <= 64) {
            for (int i = 0; i < fields; i++) {
                PortLayout.setField(frame, s.word(), i * fb, fb, rnd.nextLong());
            }
            return;
        }
        for (int i = 0; i < fields; i++) {
            long v = switch (p) {
                case ZERO -> 0;
                case ONES -> ones;
                case MAX -> max;
                case MIN -> min;
                case EXTREMES -> rnd.nextBoolean() ? max : min;
                case RANDOM -> rnd.nextLong();
            };
            PortLayout.setField(frame, s.word(), i * fb, fb, v);
        }
    }

    private void fillFloat(long[] frame, PortLayout.Slot s, Role.Float f, Pattern p) {
        int fb = f.fieldBits();
        int man = f.man();
        long maxExp = (1L << f.exp()) - 1;
        long bias = maxExp >> 1;
        long manMask = (1L << man) - 1;
        long prev = 0;
        for (int i = 0; i < s.width() / fb; i++) {
            long sign = rnd.nextBoolean() ? 1L << (fb - 1) : 0;
            long v;
            if (p == Pattern.RANDOM) {
                int kind = rnd.nextInt(16);
                if (kind < 8) {
                    long e = Math.max(1, Math.min(maxExp - 1, bias + rnd.nextInt(25) - 12));
                    v = sign | e << man | (rnd.nextLong() & manMask);
                } else if (kind < 12) {
                    v = rnd.nextLong();
                } else if (kind < 13) {
                    v = sign | (rnd.nextLong() & manMask); // subnormal (or zero)
                } else if (kind < 14) {
                    long e = rnd.nextBoolean() ? 1 + rnd.nextInt(3) : maxExp - 1 - rnd.nextInt(3);
                    v = sign | e << man | (rnd.nextLong() & manMask);
                } else {
                    v = prev ^ (1L << (fb - 1)); // the neighbour negated: x + (-x)
                }
            } else {
                Pattern q = p == Pattern.EXTREMES ? DIRECTED[rnd.nextInt(DIRECTED.length - 1)] : p;
                v = switch (q) {
                    case ONES -> switch (rnd.nextInt(3)) {
                        case 0 -> sign | maxExp << man;
                        case 1 -> sign | maxExp << man | 1L << (man - 1);
                        default -> sign | maxExp << man | Math.max(1, rnd.nextLong() & manMask);
                    };
                    case MAX -> sign | (maxExp - 1) << man | manMask;
                    case MIN -> rnd.nextBoolean() ? sign | 1 : sign | 1L << man;
                    default -> sign;
                };
            }
            v = fb == 64 ? v : v & ((1L << fb) - 1);
            PortLayout.setField(frame, s.word(), i * fb, fb, v);
            prev = v;
        }
    }
}
