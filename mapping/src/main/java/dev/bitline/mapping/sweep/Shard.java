package dev.bitline.mapping.sweep;

import dev.bitline.sim.io.InputException;
import java.util.List;
import java.util.Map;

/**
 * A deterministic slice of a sweep's plan: shard {@code i} of {@code n} (0-based) takes the points
 * whose plan index is {@code i mod n}, so shards are disjoint, together cover the plan, and stay
 * balanced when the plan's neighbours cost alike.
 *
 * @param index 0 .. count-1
 * @param count number of shards
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    public boolean isAll() {
        return count == 1;
    }

    public boolean contains(Point p) {
        return p.index() % count == index;
    }

    public List<Point> select(List<Point> plan) {
        return plan.stream().filter(this::contains).toList();
    }

    /** Parses {@code --shard i/n}. */
    public static Shard parse(String spec, String flag) {
        String[] p = spec.strip().split("/", -1);
        String expected = " (expected " + flag + " i/n with 0 <= i < n, e.g. 0/4)";
        if (p.length != 2) {
            throw new InputException(flag + " '" + spec + "' is not i/n" + expected);
        }
        int i;
        int n;
        try {
            i = Integer.parseInt(p[0].strip());
            n = Integer.parseInt(p[1].strip());
        } catch (NumberFormatException e) {
            throw new InputException(flag + " '" + spec + "' is not two whole numbers" + expected);
        }
        if (n < 1 || i < 0 || i >= n) {
            throw new InputException(flag + " '" + spec + "': shard " + i + " of " + n + " does not exist" + expected);
        }
        return new Shard(i, n);
    }

    /**
     * The shard a Slurm array task runs: {@code SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN} of
     * {@code SLURM_ARRAY_TASK_COUNT}; null when not in an array task.
     */
    public static Shard fromSlurm(Map<String, String> env) {
        String id = env.get("SLURM_ARRAY_TASK_ID");
        String count = env.get("SLURM_ARRAY_TASK_COUNT");
        if (id == null || count == null) {
            return null;
        }
        String min = env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0");
        try {
            int i = Integer.parseInt(id.strip()) - Integer.parseInt(min.strip());
            return parse(i + "/" + Integer.parseInt(count.strip()), "SLURM_ARRAY_TASK_ID/COUNT");
        } catch (NumberFormatException e) {
            throw new InputException("SLURM_ARRAY_TASK_ID=" + id + ", SLURM_ARRAY_TASK_COUNT=" + count
                    + " (expected whole numbers from an sbatch --array task)");
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
