package dev.bitline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Child JVM of {@link KillDuringWriteTest}: runs {@code bitline dram} into one results folder
 * again and again, alternating two seeds, until it is killed.
 * Arguments: config, results folder, requests, a file to create once the first run is done.
 */
public final class KillChild {
    private KillChild() {}

    public static void main(String[] args) {
        for (int i = 0; ; i++) {
            StringWriter sink = new StringWriter();
            int code = Bitline.run(new String[] {"dram", "--config", args[0], "--synthetic", "random:" + args[2],
                "--set", "seed=" + (2 - i % 2), "--out", args[1]}, new PrintWriter(sink), new PrintWriter(sink));
            if (code != 0) {
                System.err.println(sink);
                System.exit(code);
            }
            if (i == 0) {
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(args[3]), "ready");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }
}
