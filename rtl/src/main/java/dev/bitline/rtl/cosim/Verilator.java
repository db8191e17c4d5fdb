package dev.bitline.rtl.cosim;

import dev.bitline.rtl.model.PortLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verilator lint and the cached build of a co-simulation executable.
 *
 * <p>A build is keyed by the SHA-256 of the Verilator version, the flags, every Verilog file and
 * the harness, and lives in {@code <cache>/verilator/<hash>/}: the same design is compiled once
 * per machine (Verilator builds take tens of seconds). A build is made in a temporary directory
 * and renamed into place, so a crashed or concurrent build never leaves a half-built entry.
 * The cache root is {@code $BITLINE_CACHE}, else {@code ~/.cache/bitline}.
 */
public final class Verilator {
    private Verilator() {}

    private static final List<String> BUILD_FLAGS = List.of("--cc", "--exe", "--build", "-j", "2", "--trace",
            "-Wno-fatal", "-MAKEFLAGS", "OPT_FAST=-O2",
            "-CFLAGS", "-DVL_USER_FINISH -DVL_USER_STOP -DVL_USER_FATAL");

    public static Path cacheRoot() {
        String env = System.getenv("BITLINE_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "bitline");
    }

    /**
     * {@code verilator --lint-only -Wall} over the files in {@code dir}; returns the diagnostics
     * (empty when clean). Throws {@link ToolException} if Verilator is missing.
     */
    public static List<String> lint(Path dir, String top, List<String> files) {
        Tools.require("verilator");
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        cmd.addAll(files);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            List<String> diags = Tools.diagnostics(out);
            if (rc != 0 && diags.isEmpty()) {
                throw new ToolException("verilator --lint-only failed (exit " + rc + "): " + Tools.firstError(out));
            }
            return diags;
        } catch (IOException e) {
            throw new ToolException("verilator: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("verilator: interrupted");
        }
    }

    /** Lints Verilog given as file name to text (written to a temporary directory). */
    public static List<String> lint(Map<String, String> files, String top) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bitline-lint");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            return lint(dir, top, new ArrayList<>(files.keySet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dev.bitline.sim.io.FileTrees.deleteQuietly(dir);
        }
    }

    /** The co-simulation executable for these files and top, built on first use. */
    public static Path build(Map<String, String> verilog, PortLayout layout) {
        Tools.require("verilator");
        String harness = Harness.cpp(layout);
        String hash = hash(verilog, harness);
        Path root = cacheRoot().resolve("verilator");
        Path entry = root.resolve(hash);
        Path exe = entry.resolve("obj").resolve("sim");
        if (Files.isExecutable(exe)) {
            return exe;
        }
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, hash + ".tmp");
            List<String> cmd = new ArrayList<>(List.of("verilator"));
            cmd.addAll(BUILD_FLAGS);
            cmd.addAll(List.of("--top-module", layout.top(), "-Mdir", "obj", "-o", "sim"));
            for (Map.Entry<String, String> f : new TreeMap<>(verilog).entrySet()) {
                Files.writeString(tmp.resolve(f.getKey()), f.getValue());
                cmd.add(f.getKey());
            }
            Files.writeString(tmp.resolve("harness.cpp"), harness);
            cmd.add("harness.cpp");
            Tools.run(tmp, cmd, 1800);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (AtomicMoveNotSupportedException e) {
                throw new ToolException("cannot rename build into cache " + entry + ": " + e.getMessage());
            } catch (java.nio.file.FileSystemException e) {
                // Another process built the same design first (parallel test JVMs, sweeps): use theirs.
                // Linux reports that rename as a plain FileSystemException ("Directory not empty"),
                // not as FileAlreadyExists/DirectoryNotEmpty, so the entry itself is the test.
                if (!Files.isExecutable(exe)) throw e;
            }
            if (!Files.isExecutable(exe)) {
                throw new ToolException("verilator build produced no executable at " + exe);
            }
            return exe;
        } catch (IOException e) {
            throw new ToolException("verilator build in " + root + ": " + e.getMessage());
        } finally {
            dev.bitline.sim.io.FileTrees.deleteQuietly(tmp);
        }
    }

    /** Verilator's version line, part of the cache key. */
    static String version() {
        try {
            Process p = new ProcessBuilder("verilator", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } catch (IOException e) {
            throw new ToolException("verilator --version: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("verilator: interrupted");
        }
    }

    private static String hash(Map<String, String> verilog, String harness) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(version().getBytes(StandardCharsets.UTF_8));
            md.update(String.join(" ", BUILD_FLAGS).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> f : new TreeMap<>(verilog).entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.getValue().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update(harness.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
