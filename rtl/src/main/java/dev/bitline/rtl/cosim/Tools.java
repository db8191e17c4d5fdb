package dev.bitline.rtl.cosim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finding and running the external tools (verilator, yosys), with one-line failures. */
public final class Tools {
    private Tools() {}

    /** Result of a finished tool run: exit status and its combined output. */
    public record Run(int exit, String output) {}

    /** True if {@code tool} is on the PATH. */
    public static boolean available(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Why a test needing {@code tool} is skipped, or null if it is present. */
    public static String missing(String tool) {
        return available(tool) ? null : tool + " not on PATH (install the Debian package '" + tool + "')";
    }

    public static void require(String tool) {
        if (!available(tool)) {
            throw new ToolException(tool + " not found on PATH (install the Debian package '" + tool + "')");
        }
    }

    /** Runs a command in {@code dir}, output captured; throws with the first error line on failure. */
    public static Run run(Path dir, List<String> cmd, long timeoutSeconds) {
        require(cmd.get(0));
        Path log = null;
        try {
            log = Files.createTempFile("bitline-tool", ".log");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ToolException(cmd.get(0) + ": timed out after " + timeoutSeconds + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ToolException(cmd.get(0) + " failed (exit " + p.exitValue() + "): " + firstError(out));
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new ToolException(cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(cmd.get(0) + ": interrupted");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp log is harmless
                }
            }
        }
    }

    /** The first line that looks like an error (Verilator %Error/%Warning, compiler error:, yosys ERROR:), else the last line. */
    public static String firstError(String out) {
        String last = "";
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("%Error") || t.startsWith("%Warning") || t.startsWith("ERROR") || t.contains("error:")) {
                return t;
            }
            last = t;
        }
        return last;
    }

    /** Every line starting with %Warning or %Error (Verilator's diagnostics). */
    public static List<String> diagnostics(String out) {
        List<String> l = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("%Warning") || line.startsWith("%Error")) {
                l.add(line);
            }
        }
        return l;
    }
}
