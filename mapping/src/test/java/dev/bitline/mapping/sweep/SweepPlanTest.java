package dev.bitline.mapping.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans: sampling, hashes and seeds that depend on coordinates only, shards that partition. */
class SweepPlanTest {
    @TempDir
    Path dir;

    private Sweep sampled(String method, int points, int values) {
        return Sweep.load(SweepFiles.write(dir, "s.yaml", "name: s\nseed: 3\n" + SweepFiles.PIPELINE_BASE + """
                axes:
                  pipeline.items: {from: 1, to: %d, step: 1}
                  pipeline.stages.0.buffer: {from: 1, to: %d, step: 1}
                sample: {method: %s, points: %d}
                metrics: {t: pipeline.throughputPerUs}
                """.formatted(values, values, method, points)));
    }

    @Test
    void latinHypercubeTakesEveryStratumOfEveryAxisOnce() {
        Sweep s = sampled("latin-hypercube", 20, 20);
        assertEquals(20, s.points().size());
        for (String path : List.of("pipeline.items", "pipeline.stages.0.buffer")) {
            Set<String> seen = new HashSet<>();
            s.points().forEach(p -> seen.add(Point.canonical(p.value(path))));
            assertEquals(20, seen.size(), "each of the 20 values of " + path + " once");
        }
        assertEquals(s.points(), sampled("latin-hypercube", 20, 20).points(), "same seed, same draws");
    }

    @Test
    void randomSamplingIsSeededAndDropsRepeats() {
        Sweep s = sampled("random", 30, 5);
        assertTrue(s.points().size() <= 25 && s.points().size() > 10, "30 draws from 25 combinations: " + s.points().size());
        assertEquals(s.points().size(), new HashSet<>(s.points().stream().map(Point::hash).toList()).size());
        assertEquals(s.points(), sampled("random", 30, 5).points());
    }

    @Test
    void hashAndSeedComeFromTheCoordinatesAlone() {
        ConfigNode.Location at = new ConfigNode.Location("x", 1, 1);
        List<Point.Coordinate> c = List.of(new Point.Coordinate("a.b", new ConfigNode.Scalar("8", ConfigNode.ScalarType.INTEGER, at)),
                new Point.Coordinate("c", new ConfigNode.Scalar("open", ConfigNode.ScalarType.STRING, at)));
        Point p = Point.of(0, c, 1);
        Point q = Point.of(57, c, 1);
        assertEquals(p.hash(), q.hash());
        assertEquals(p.seed(), q.seed(), "the index (plan order, shard) does not change the seed");
        assertEquals("301fb225216d7624", p.hash(), "point file names are stable across versions");
        assertNotEquals(p.seed(), Point.of(0, c, 2).seed(), "the sweep seed does");
        assertEquals(p.hash(), Point.of(0, c, 2).hash(), "but not the file name");
    }

    @Property(tries = 60, seed = "20261202")
    void shardsPartitionThePlan(@ForAll @IntRange(min = 1, max = 40) int points, @ForAll @IntRange(min = 1, max = 9) int n) {
        List<Point> plan = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            plan.add(new Point(i, List.of(), Integer.toHexString(i), i));
        }
        List<Point> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Point> mine = new Shard(i, n).select(plan);
            assertTrue(mine.size() <= points / n + 1 && mine.size() >= points / n, "balanced");
            all.addAll(mine);
        }
        all.sort(java.util.Comparator.comparingInt(Point::index));
        assertEquals(plan, all, "disjoint and complete");
    }

    @Test
    void shardSpecsAndSlurmEnvironment() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4", "--shard"));
        for (String bad : List.of("5/4", "4/4", "-1/4", "1/0", "a/b", "1", "1/2/3")) {
            InputException e = assertThrows(InputException.class, () -> Shard.parse(bad, "--shard"), bad);
            assertTrue(e.getMessage().startsWith("--shard '" + bad + "'"), e.getMessage());
        }
        assertEquals(null, Shard.fromSlurm(Map.of()));
        assertEquals(new Shard(1, 3), Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "3")));
        assertEquals(new Shard(0, 3), Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "3",
                "SLURM_ARRAY_TASK_MIN", "5")));
        assertThrows(InputException.class, () -> Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "3")));
    }

    @Property(tries = 100, seed = "20261202")
    void paretoFrontIsExactlyTheNonDominatedPoints(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed,
            @ForAll boolean maxX, @ForAll boolean maxY) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(8); // few distinct values: ties on purpose
            y[i] = r.nextInt(8);
        }
        Set<Integer> front = new HashSet<>(ParetoFront.of(x, maxX, y, maxY));
        double sx = maxX ? 1 : -1;
        double sy = maxY ? 1 : -1;
        for (int i = 0; i < n; i++) {
            boolean dominated = false;
            boolean tiedEarlier = false;
            for (int j = 0; j < n; j++) {
                boolean geq = sx * x[j] >= sx * x[i] && sy * y[j] >= sy * y[i];
                if (geq && (sx * x[j] > sx * x[i] || sy * y[j] > sy * y[i])) {
                    dominated = true;
                }
                if (j < i && x[j] == x[i] && y[j] == y[i]) {
                    tiedEarlier = true;
                }
            }
            assertEquals(!dominated && !tiedEarlier, front.contains(i), "point " + i);
        }
    }

    @Test
    void expressions() {
        ConfigNode.Location at = new ConfigNode.Location("f", 3, 10);
        java.util.function.Function<String, Expr> ex = t -> Expr.parse(new ConfigNode.Scalar(t, ConfigNode.ScalarType.STRING, at));
        Map<String, Object> env = Map.of("a.b", 6.0, "p", "open-adaptive", "t", true);
        assertEquals(14.0, ex.apply("2 + a.b * 2").number(env::get));
        assertEquals(4.0, ex.apply("(2 + a.b) / 2").number(env::get));
        assertEquals(3.0, ex.apply("log2(8) * min(1, a.b)").number(env::get));
        assertTrue(ex.apply("p == 'OPEN_ADAPTIVE' && !(a.b < 2) and t").test(env::get));
        assertTrue(ex.apply("-a.b < -5 or p != \"open\"").test(env::get));
        assertEquals(Set.of("a.b", "p"), ex.apply("order > a.b || p == 1").names().stream()
                .filter(n -> !n.equals("order")).collect(java.util.stream.Collectors.toSet()));
        String e = assertThrows(dev.bitline.sim.config.ConfigException.class, () -> ex.apply("a.b + * 2")).getMessage();
        assertEquals("f:3:16: unexpected '*' in expression 'a.b + * 2' (expected a number, a name, a quoted string or '(')", e);
        assertThrows(dev.bitline.sim.config.ConfigException.class, () -> ex.apply("nope(1)"));
        assertThrows(IllegalArgumentException.class, () -> ex.apply("p + 1").number(env::get));
    }
}
