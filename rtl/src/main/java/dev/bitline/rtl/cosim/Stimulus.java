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

    public sealed interface Role permits Role.Reset, Role.Control, Role.Data, Role.Choice {
        record Reset() implements Role {}

        record Control(double probability) implements Role {}

        /** Fields of {@code fieldBits} (the port width a multiple of it). */
        record Data(int fieldBits) implements Role {}

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
            if (r instanceof Role.Data d && s.width() % d.fieldBits() != 0) {
                throw new IllegalArgumentException("input '" + s.name() + "': width " + s.width() + " not a multiple of "
                        + d.fieldBits());
            }
            if (r instanceof Role.Data) {
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
}
