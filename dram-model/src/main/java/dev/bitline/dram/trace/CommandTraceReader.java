package dev.bitline.dram.trace;

import dev.bitline.dram.spec.DramSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text command trace (plain or .gz) into a {@link CommandBuffer}. Command names are
 * resolved in the standard's vocabulary. Bad lines raise IllegalArgumentException("file:line: what
 * was expected").
 */
public final class CommandTraceReader {
    private CommandTraceReader() {}

    /** Receives each command with the trace line it came from. */
    @FunctionalInterface
    public interface LineSink {
        void accept(CommandRecord record, long line);
    }

    /**
     * Streams a trace (plain or .gz) to {@code sink} one command at a time, without holding it:
     * memory stays constant in the trace's length. Returns the commands read.
     */
    public static long stream(Path file, DramSpec spec, LineSink sink) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return stream(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
                    file.toString(), spec, sink);
        }
    }

    /** As {@link #stream(Path, DramSpec, LineSink)} from {@code reader}; {@code name} prefixes errors. */
    public static long stream(BufferedReader reader, String name, DramSpec spec, LineSink sink) throws IOException {
        String line;
        long lineNo = 0, n = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            CommandRecord r;
            try {
                r = CommandTraceFormat.parse(t, spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
            }
            sink.accept(r, lineNo);
            n++;
        }
        return n;
    }

    public static CommandBuffer read(Path file, DramSpec spec) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
                    file.toString(), spec);
        }
    }

    /** Reads from {@code reader}; {@code name} prefixes error messages. */
    public static CommandBuffer read(BufferedReader reader, String name, DramSpec spec) throws IOException {
        CommandBuffer buf = new CommandBuffer();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            try {
                buf.add(CommandTraceFormat.parse(t, spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return buf;
    }
}
