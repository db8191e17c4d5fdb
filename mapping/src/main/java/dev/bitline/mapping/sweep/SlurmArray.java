package dev.bitline.mapping.sweep;

import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Puts a sweep on a Slurm cluster as one array job: task {@code i} of {@code n} runs shard
 * {@code i/n} (from {@code SLURM_ARRAY_TASK_ID}/{@code COUNT}) into the shared results folder,
 * and a second job, started when the array has ended however it ended, merges them
 * ({@code afterany}: a merge that finds points missing says which).
 */
public final class SlurmArray {
    private SlurmArray() {
    }

    /**
     * @param partition     {@code --partition}; absent: the cluster's default
     * @param time          {@code --time} per task (Slurm syntax: {@code 30}, {@code 1:00:00}, {@code 1-0})
     * @param arrayParallel at most this many tasks at once ({@code --array=0-N%K})
     * @param tasks         array tasks (shards)
     * @param cpusPerTask   {@code --cpus-per-task}; each task runs that many workers
     * @param sbatch        the sbatch command (a path, or {@code sbatch} from PATH)
     */
    public record Options(Optional<String> partition, Optional<String> time, Optional<Integer> arrayParallel, int tasks,
            int cpusPerTask, String sbatch) {
        public Options {
            if (tasks < 1 || cpusPerTask < 1 || arrayParallel.map(k -> k < 1).orElse(false)) {
                throw new IllegalArgumentException("tasks, cpus per task and array parallelism must be >= 1");
            }
        }
    }

    /** What was submitted: the scripts and the job ids sbatch gave back. */
    public record Submission(Path script, Path mergeScript, String arrayJob, String mergeJob, int tasks) {
    }

    /**
     * Writes {@code OUT/slurm/sweep.sbatch} and {@code merge.sbatch} and submits both.
     *
     * @param shardCommand the command that runs the sweep into {@code out}, without {@code --jobs}
     *                     (each task adds {@code --jobs $SLURM_CPUS_PER_TASK}) and without a shard
     * @param mergeCommand the command that merges {@code out}
     * @param workDir      where the tasks start (relative paths in the commands resolve here)
     */
    public static Submission submit(Sweep sweep, Path out, Options o, List<String> shardCommand,
            List<String> mergeCommand, Path workDir) {
        Path dir = out.toAbsolutePath().resolve("slurm");
        int tasks = Math.min(o.tasks(), sweep.points().size());
        String array = "0-" + (tasks - 1) + o.arrayParallel().map(k -> "%" + k).orElse("");
        StringBuilder s = header(sweep.name(), o, dir.resolve("%A_%a.out"));
        s.append("#SBATCH --array=").append(array).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.cpusPerTask()).append('\n');
        s.append("# ").append(tasks).append(" shards of ").append(sweep.points().size()).append(" points; each task runs shard\n");
        s.append("# SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (bitline reads them) into the shared results folder.\n");
        s.append("cd ").append(quote(workDir.toAbsolutePath().toString())).append('\n');
        s.append("exec ").append(join(shardCommand)).append(" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        Path script = dir.resolve("sweep.sbatch");
        AtomicFiles.write(script, s.toString());

        StringBuilder m = header(sweep.name() + "-merge", o, dir.resolve("merge_%j.out"));
        m.append("#SBATCH --cpus-per-task=1\n");
        m.append("cd ").append(quote(workDir.toAbsolutePath().toString())).append('\n');
        m.append("exec ").append(join(mergeCommand)).append('\n');
        Path mergeScript = dir.resolve("merge.sbatch");
        AtomicFiles.write(mergeScript, m.toString());

        String job = sbatch(o.sbatch(), List.of("--parsable", "--array=" + array, script.toString()));
        String mergeJob = sbatch(o.sbatch(), List.of("--parsable", "--dependency=afterany:" + job, mergeScript.toString()));
        return new Submission(script, mergeScript, job, mergeJob, tasks);
    }

    private static StringBuilder header(String name, Options o, Path output) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# written by bitline sweep --slurm; submit again with: sbatch THIS_FILE\n");
        s.append("#SBATCH --job-name=").append(("bitline-" + name).replaceAll("[^A-Za-z0-9_.-]", "_")).append('\n');
        s.append("#SBATCH --output=").append(output).append('\n');
        o.partition().ifPresent(p -> s.append("#SBATCH --partition=").append(p).append('\n'));
        o.time().ifPresent(t -> s.append("#SBATCH --time=").append(t).append('\n'));
        return s;
    }

    /** Runs sbatch and returns the job id it prints ({@code --parsable}: {@code ID[;cluster]}). */
    private static String sbatch(String sbatch, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(sbatch);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new InputException("--slurm: cannot run " + sbatch + ": " + e.getMessage()
                    + " (expected Slurm's sbatch on PATH, or --sbatch PATH)");
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InputException("--slurm: " + sbatch + " did not answer within 60 s (expected a reachable slurmctld)");
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !text.matches("[0-9]+(;.*)?")) {
                throw new InputException("--slurm: sbatch failed (exit " + p.exitValue() + "): "
                        + text.lines().reduce((a, b) -> a + "; " + b).orElse("no output")
                        + " (expected a job id; check --partition and --time against sinfo)");
            }
            return text.split(";")[0];
        } catch (IOException e) {
            throw new InputException("--slurm: reading sbatch's answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String join(List<String> cmd) {
        return String.join(" ", cmd.stream().map(SlurmArray::quote).toList());
    }

    /** One shell word: single-quoted unless plainly safe. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
