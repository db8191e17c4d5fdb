package dev.bitline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The training run of the launcher's class-data-sharing archive: {@code ./bitline} runs it once
 * after each build with {@code -XX:ArchiveClassesAtExit}, so the classes a short command loads
 * (picocli, the config loader, the DRAM model, the trace reader, the report writers) are mapped
 * from the archive instead of being parsed and verified on every start (issue 15). It runs the
 * common short commands in-process with their output discarded; nothing it does is kept.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=A -cp bitline.jar dev.bitline.cli.CdsTraining HOME}
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path home = Path.of(args.length > 0 ? args[0] : ".");
        Path tmp = Files.createTempDirectory("bitline-cds");
        try {
            Path trace = tmp.resolve("t.trace");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                sb.append("0x").append(Long.toHexString((i * 2654435761L % (1L << 26)) << 6))
                        .append(i % 3 == 0 ? " WRITE " : " READ ").append(i * 4).append('\n');
            }
            Files.writeString(trace, sb, StandardCharsets.US_ASCII);
            Path gz = tmp.resolve("t.ramulator.trace.gz");
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
                for (int i = 0; i < 2000; i++) {
                    o.write(((i % 3 == 0 ? "ST 0x" : "LD 0x") + Long.toHexString(i * 64L) + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            String ddr4 = home.resolve("configs/dram/ddr4-3200.yaml").toString();
            String out = tmp.resolve("out").toString();
            run("--help");
            run("dram", "--help");
            run("validate", ddr4);
            run("dram", "--config", ddr4, "--trace", trace.toString(), "--out", out);
            run("dram", "--config", ddr4, "--trace", gz.toString(), "--out", out, "--check");
            run("dram", "--config", ddr4, "--synthetic", "random:2000", "--out", out);
        } finally {
            delete(tmp);
        }
    }

    private static void run(String... args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
        Bitline.run(args, sink, sink);
    }

    private static void delete(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }
}
