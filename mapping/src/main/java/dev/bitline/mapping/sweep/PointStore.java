package dev.bitline.mapping.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A sweep's results folder:
 *
 * <pre>
 * DIR/plan.json            the sweep's id, its points (index, hash, seed, coordinates), metrics, plots
 * DIR/points/HASH.json     one finished point: coordinates, seed, metrics, every stat, wall time
 * DIR/results.csv          the merged table, one row per point in plan order
 * DIR/pareto-X-Y.{png,svg,csv}
 * </pre>
 *
 * Every file is written to a temp file and renamed ({@link AtomicFiles}), so a run killed at any
 * moment leaves each point file whole or absent, and a point has one file name wherever it ran:
 * a rerun can neither half-read nor duplicate it.
 */
public final class PointStore {
    static final String PLAN = "plan.json";
    static final String POINTS = "points";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public PointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    Path pointFile(String hash) {
        return dir.resolve(POINTS).resolve(hash + ".json");
    }

    /** A finished point as stored. */
    public record Stored(Path file, String sweepId, String hash, int index, Map<String, String> coordinates,
            long seed, SortedMap<String, Double> stats) {
    }

    /** The plan as stored (what {@code --merge} needs without the sweep file). */
    public record Plan(Path file, String sweep, String sweepId, List<String> paths, List<PlannedPoint> points,
            Map<String, String> metrics, List<Sweep.Pareto> pareto) {
    }

    /** One point of a stored plan. */
    public record PlannedPoint(int index, String hash, long seed, Map<String, String> coordinates) {
    }

    // ------------------------------------------------------------------ write

    void writePlan(Sweep sw) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sweep", sw.name());
        root.put("sweepId", sw.id());
        root.put("file", sw.file().toString());
        ArrayNode paths = root.putArray("paths");
        sw.paths().forEach(paths::add);
        ObjectNode metrics = root.putObject("metrics");
        sw.metrics().forEach(m -> metrics.put(m.name(), m.expr().text()));
        ArrayNode pareto = root.putArray("pareto");
        for (Sweep.Pareto p : sw.pareto()) {
            ObjectNode o = pareto.addObject();
            o.put("x", p.x()).put("maximizeX", p.maximizeX()).put("y", p.y()).put("maximizeY", p.maximizeY());
            p.by().ifPresent(b -> o.put("by", b));
        }
        ArrayNode pts = root.putArray("points");
        for (Point p : sw.points()) {
            ObjectNode o = pts.addObject();
            o.put("index", p.index()).put("hash", p.hash()).put("seed", p.seed());
            ObjectNode c = o.putObject("coordinates");
            p.coordinates().forEach(x -> c.put(x.path(), x.text()));
        }
        write(dir.resolve(PLAN), root);
    }

    void writePoint(Sweep sw, Point p, Map<String, Double> metrics, SortedMap<String, Double> stats, double wallSeconds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sweep", sw.name());
        root.put("sweepId", sw.id());
        root.put("hash", p.hash());
        root.put("index", p.index());
        root.put("seed", p.seed());
        ObjectNode c = root.putObject("coordinates");
        p.coordinates().forEach(x -> c.put(x.path(), x.text()));
        ObjectNode m = root.putObject("metrics");
        metrics.forEach(m::put);
        ObjectNode s = root.putObject("stats");
        stats.forEach(s::put);
        root.put("wallSeconds", wallSeconds);
        write(pointFile(p.hash()), root);
    }

    private static void write(Path file, JsonNode n) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(n) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ read

    /** The stored plan in this folder, or null if none. */
    Plan readPlan() {
        Path f = dir.resolve(PLAN);
        return Files.isRegularFile(f) ? readPlan(f) : null;
    }

    static Plan readPlan(Path f) {
        JsonNode root = read(f);
        try {
            List<String> paths = new ArrayList<>();
            root.get("paths").forEach(n -> paths.add(n.asText()));
            Map<String, String> metrics = new LinkedHashMap<>();
            root.get("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
            List<Sweep.Pareto> pareto = new ArrayList<>();
            for (JsonNode o : root.get("pareto")) {
                pareto.add(new Sweep.Pareto(o.get("x").asText(), o.get("maximizeX").asBoolean(), o.get("y").asText(),
                        o.get("maximizeY").asBoolean(), o.has("by") ? java.util.Optional.of(o.get("by").asText())
                        : java.util.Optional.empty()));
            }
            List<PlannedPoint> pts = new ArrayList<>();
            for (JsonNode o : root.get("points")) {
                pts.add(new PlannedPoint(o.get("index").asInt(), o.get("hash").asText(), o.get("seed").asLong(),
                        coordinates(o.get("coordinates"))));
            }
            return new Plan(f, root.get("sweep").asText(), root.get("sweepId").asText(), paths, pts, metrics, pareto);
        } catch (RuntimeException e) {
            throw new InputException(f + ": not a sweep plan (expected the plan.json a sweep run writes)");
        }
    }

    static Stored readPoint(Path f) {
        JsonNode root = read(f);
        try {
            SortedMap<String, Double> stats = new TreeMap<>();
            root.get("stats").fields().forEachRemaining(e -> stats.put(e.getKey(), e.getValue().asDouble()));
            return new Stored(f, root.get("sweepId").asText(), root.get("hash").asText(), root.get("index").asInt(),
                    coordinates(root.get("coordinates")), root.get("seed").asLong(), stats);
        } catch (RuntimeException e) {
            throw new InputException(f + ": not a sweep point (expected a points/HASH.json a sweep run writes)");
        }
    }

    private static Map<String, String> coordinates(JsonNode n) {
        Map<String, String> c = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asText()));
        return c;
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new InputException(f + ": cannot read: " + e.getMessage().lines().findFirst().orElse("")
                    + " (expected a JSON file a sweep run writes)");
        }
    }

    /** Point files in this folder's {@code points/} (temp files of writes in flight excluded). */
    List<Path> pointFiles() {
        return pointFiles(dir.resolve(POINTS));
    }

    static List<Path> pointFiles(Path pointsDir) {
        if (!Files.isDirectory(pointsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(pointsDir)) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{16}\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
