package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bitline sweep --slurm} against a real single-node Slurm cluster started here: a munge key
 * and {@code munged}, a {@code slurm.conf} naming this host, {@code slurmctld} and {@code slurmd}
 * as root with state and spool in a temp folder. The array job's merged CSV must equal a local
 * run's, point for point. Skipped (one line) where Slurm, munge or root is missing; every daemon
 * it started is stopped.
 */
class SlurmSweepTest {
    private static final List<String> TOOLS = List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo");

    @TempDir
    Path tmp;

    private final List<Path> pidFiles = new ArrayList<>();

    static Optional<Path> which(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Test
    void arrayJobOnARealClusterEqualsALocalRun() throws Exception {
        for (String t : TOOLS) {
            assumeTrue(which(t).isPresent(), "Slurm test skipped: " + t + " not installed (apt-get install slurm-wlm munge)");
        }
        assumeTrue("root".equals(System.getProperty("user.name")), "Slurm test skipped: the daemons need root");
        // munge's socket path must stay short (sun_path): a folder straight under /tmp
        Path d = Files.createTempDirectory(Path.of("/tmp"), "bl-slurm");
        try {
            startCluster(d);
            Path sweep = SweepCommandTest.write(tmp, "slurm.yaml", SweepCommandTest.pipelineSweep("slurm", 3000, 3));
            Path sbatch = d.resolve("sbatch");
            Files.writeString(sbatch, "#!/bin/sh\nexport SLURM_CONF=" + d.resolve("slurm.conf") + "\nexec "
                    + which("sbatch").orElseThrow() + " \"$@\"\n");
            sbatch.toFile().setExecutable(true);
            Path out = tmp.resolve("cluster");
            CliTest.Result sub = CliTest.run("sweep", sweep.toString(), "--slurm", "--tasks", "3", "--array-parallel", "2",
                    "--partition", "debug", "--time", "5", "--out", out.toString(), "--sbatch", sbatch.toString());
            assertEquals(0, sub.code(), sub.err() + sub.out());
            Matcher m = Pattern.compile("submitted array job (\\d+) \\(3 tasks.*merge job (\\d+)").matcher(sub.out());
            assertTrue(m.find(), sub.out());
            String script = Files.readString(out.resolve("slurm/sweep.sbatch"));
            assertTrue(script.contains("#SBATCH --partition=debug") && script.contains("#SBATCH --time=5")
                    && script.contains("#SBATCH --array=0-2%2"), script);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!ctl(d, "squeue", "-h", "-j", m.group(1) + "," + m.group(2)).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "jobs still queued after 90 s: " + ctl(d, "squeue") + logs(out));
                Thread.sleep(250);
            }
            Path csv = out.resolve("results.csv");
            assertTrue(Files.isRegularFile(csv), "the merge job wrote results.csv" + logs(out));

            CliTest.Result local = CliTest.run("sweep", sweep.toString(), "--out", tmp.resolve("local").toString());
            assertEquals(0, local.code(), local.err());
            assertEquals(Files.readString(tmp.resolve("local/results.csv")), Files.readString(csv),
                    "the cluster's merged CSV equals the local run point for point");
            assertTrue(logs(out).contains("merged " + out + ": 6 of 6 points"), logs(out));
        } finally {
            stopCluster();
            try (Stream<Path> s = Files.walk(d)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void startCluster(Path d) throws Exception {
        for (String sub : List.of("munge", "state", "spool", "log")) {
            Files.createDirectories(d.resolve(sub));
        }
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        Path key = d.resolve("munge/munge.key");
        byte[] k = new byte[1024];
        new java.security.SecureRandom().nextBytes(k);
        Files.write(key, k);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path socket = d.resolve("munge/munge.socket");
        pidFiles.add(d.resolve("munge/munged.pid"));
        exec(which("munged").orElseThrow().toString(), "--force", "--key-file=" + key, "--socket=" + socket,
                "--pid-file=" + d.resolve("munge/munged.pid"), "--log-file=" + d.resolve("munge/munged.log"),
                "--seed-file=" + d.resolve("munge/seed"));

        String host = exec("hostname", "-s").strip();
        int cpus = Runtime.getRuntime().availableProcessors();
        String conf = """
                ClusterName=bitline-test
                SlurmctldHost=%s
                SlurmctldPort=%d
                SlurmdPort=%d
                AuthType=auth/munge
                AuthInfo=socket=%s
                CredType=cred/munge
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_CPU
                SchedulerType=sched/builtin
                StateSaveLocation=%s
                SlurmdSpoolDir=%s
                SlurmctldPidFile=%s
                SlurmdPidFile=%s
                SlurmctldLogFile=%s
                SlurmdLogFile=%s
                SlurmUser=root
                SlurmdUser=root
                ReturnToService=2
                MpiDefault=none
                JobAcctGatherType=jobacct_gather/none
                AccountingStorageType=accounting_storage/none
                JobCompType=jobcomp/none
                NodeName=%s CPUs=%d State=UNKNOWN
                PartitionName=debug Nodes=%s Default=YES MaxTime=INFINITE State=UP
                """.formatted(host, freePort(), freePort(), socket, d.resolve("state"), d.resolve("spool"),
                d.resolve("slurmctld.pid"), d.resolve("slurmd.pid"), d.resolve("log/slurmctld.log"),
                d.resolve("log/slurmd.log"), host, cpus, host);
        Path cf = d.resolve("slurm.conf");
        Files.writeString(cf, conf);
        pidFiles.add(0, d.resolve("slurmctld.pid"));
        exec(which("slurmctld").orElseThrow().toString(), "-f", cf.toString());
        pidFiles.add(0, d.resolve("slurmd.pid"));
        exec(which("slurmd").orElseThrow().toString(), "-f", cf.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ctl(d, "sinfo", "-h", "-o", "%T").strip().startsWith("idle")) {
            assertTrue(System.nanoTime() < deadline, "node not idle after 30 s: " + ctl(d, "sinfo")
                    + Files.readString(d.resolve("log/slurmctld.log")));
            Thread.sleep(200);
        }
    }

    /** Stops what this test started (by the pid files the daemons wrote), slurmd first. */
    private void stopCluster() throws Exception {
        for (Path pf : pidFiles) {
            if (!Files.isRegularFile(pf)) {
                continue;
            }
            long pid = Long.parseLong(Files.readString(pf).strip());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                h.get().destroy(); // SIGTERM: the daemons clean up
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (h.get().isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (h.get().isAlive()) {
                    h.get().destroyForcibly();
                }
            }
        }
    }

    private static String ctl(Path d, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(which(tool).orElseThrow().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", d.resolve("slurm.conf").toString());
        Process p = pb.start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return s;
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + s);
        return s;
    }

    private static String logs(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        Path dir = out.resolve("slurm");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".out")).sorted().toList()) {
                    sb.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
                }
            }
        }
        return sb.toString();
    }
}
