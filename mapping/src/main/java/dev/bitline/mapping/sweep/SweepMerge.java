package dev.bitline.mapping.sweep;

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
import java.util.stream.Stream;

/**
 * Joins the points of a sweep found anywhere under one folder (one run's {@code points/}, or the
 * folders of shards copied side by side) into {@code results.csv} and the Pareto plots, and says
 * which planned points are missing and which were found more than once.
 */
public final class SweepMerge {
    private SweepMerge() {
    }

    /** A point found in more than one file (identical results or not). */
    public record Duplicate(String hash, List<Path> files, boolean identical) {
    }

    /**
     * @param dir        the folder merged
     * @param sweep      the sweep's name
     * @param planned    points in the plan
     * @param found      distinct planned points found
     * @param missing    planned points not found (index, hash, coordinates)
     * @param duplicates points found more than once
     * @param csv        the merged table written
     * @param plots      Pareto plots written (PNG, SVG and the front's CSV)
     */
    public record Report(Path dir, String sweep, int planned, int found, List<PointStore.PlannedPoint> missing,
            List<Duplicate> duplicates, Path csv, List<Path> plots) {
        public boolean complete() {
            return missing.isEmpty() && duplicates.isEmpty();
        }
    }

    /**
     * @throws InputException when the folder holds no plan, or plans or points of different sweeps
     */
    public static Report merge(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException("--merge " + dir + ": no such folder (expected the --out folder of a sweep run)");
        }
        List<Path> planFiles = new ArrayList<>();
        List<Path> pointFiles = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(f -> {
                String n = f.getFileName().toString();
                if (n.equals(PointStore.PLAN)) {
                    planFiles.add(f);
                } else if (f.getParent().getFileName().toString().equals(PointStore.POINTS)
                        && n.matches("[0-9a-f]{16}\\.json")) {
                    pointFiles.add(f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (planFiles.isEmpty()) {
            throw new InputException("--merge " + dir + ": no plan.json below it (expected the --out folder of a sweep run)");
        }
        PointStore.Plan plan = PointStore.readPlan(planFiles.get(0));
        for (Path f : planFiles.subList(1, planFiles.size())) {
            PointStore.Plan other = PointStore.readPlan(f);
            if (!other.sweepId().equals(plan.sweepId())) {
                throw new InputException("--merge " + dir + ": " + plan.file() + " is sweep '" + plan.sweep() + "' (id "
                        + plan.sweepId() + ") but " + f + " is sweep '" + other.sweep() + "' (id " + other.sweepId()
                        + ") (expected shards of one sweep file)");
            }
        }
        Map<String, PointStore.PlannedPoint> byHash = new LinkedHashMap<>();
        plan.points().forEach(p -> byHash.put(p.hash(), p));
        Map<String, List<PointStore.Stored>> found = new LinkedHashMap<>();
        for (Path f : pointFiles) {
            PointStore.Stored s = PointStore.readPoint(f);
            if (!s.sweepId().equals(plan.sweepId())) {
                throw new InputException("--merge " + dir + ": " + f + " is a point of another sweep (id " + s.sweepId()
                        + ", not " + plan.sweepId() + " of " + plan.file() + ") (expected shards of one sweep file)");
            }
            if (byHash.containsKey(s.hash())) {
                found.computeIfAbsent(s.hash(), h -> new ArrayList<>()).add(s);
            }
        }
        List<Duplicate> dups = new ArrayList<>();
        found.forEach((h, list) -> {
            if (list.size() > 1) {
                boolean same = list.stream().allMatch(s -> s.stats().equals(list.get(0).stats()));
                dups.add(new Duplicate(h, list.stream().map(PointStore.Stored::file).toList(), same));
            }
        });
        List<PointStore.PlannedPoint> missing = plan.points().stream().filter(p -> !found.containsKey(p.hash())).toList();
        List<PointStore.Stored> rows = plan.points().stream().filter(p -> found.containsKey(p.hash()))
                .map(p -> found.get(p.hash()).get(0)).toList();
        SweepTable table = SweepTable.of(plan, Metrics.parse(plan), rows);
        Path csv = dir.resolve("results.csv");
        AtomicFiles.write(csv, table.csv());
        List<Path> plots = new ArrayList<>();
        for (Sweep.Pareto p : plan.pareto()) {
            plots.addAll(table.pareto(dir, p, plan.sweep()));
        }
        return new Report(dir, plan.sweep(), plan.points().size(), rows.size(), missing, dups, csv, plots);
    }
}
