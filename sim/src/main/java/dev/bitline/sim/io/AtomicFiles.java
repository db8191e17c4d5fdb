package dev.bitline.sim.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Result files are never half-written: each is written to a temp file in the
 * same folder and renamed over the target, so a crash or Ctrl-C leaves the old
 * file or the new one, never a truncated one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * A new temp file beside {@code abs}, named {@code .NAME.PID.N.tmp} (the pid lets a later run
     * tell a killed run's leftovers from a live run's file).
     */
    private static Path tempFor(Path abs) throws IOException {
        // not Files.createTempFile: its SecureRandom starts the security providers (~20-80 ms of a
        // short run's start, issue 15), and it makes the file owner-only; as AtomicFolder does
        String prefix = "." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".";
        java.util.SplittableRandom rnd = new java.util.SplittableRandom();
        for (int i = 0; ; i++) {
            Path named = abs.resolveSibling(prefix + Long.toUnsignedString(rnd.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(named);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i > 100) throw e;
            }
        }
    }

    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = tempFor(file.toAbsolutePath());
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a streamed result file (a command trace of millions of lines) for atomic writing: the
     * text goes to a temp file beside {@code file}, gzip-compressed when the name ends in {@code
     * .gz}; {@link Streamed#commit()} renames it over the target, {@link Streamed#close()} without
     * a commit deletes it. Use it in try-with-resources and commit as the last step.
     */
    public static Streamed stream(Path file, Charset charset) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            // a streamed file can be large: delete what a killed earlier run left for this name
            AtomicFolder.recover(abs);
            Path tmp = tempFor(abs);
            OutputStream os = Files.newOutputStream(tmp);
            if (file.getFileName().toString().endsWith(".gz")) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            return new Streamed(file, tmp, new BufferedWriter(new OutputStreamWriter(os, charset), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A result file being streamed; see {@link #stream}. */
    public static final class Streamed implements Closeable {
        private final Path file;
        private final Path tmp;
        private final Writer writer;
        private boolean done;

        private Streamed(Path file, Path tmp, Writer writer) {
            this.file = file;
            this.tmp = tmp;
            this.writer = writer;
        }

        public Writer writer() {
            return writer;
        }

        public Path file() {
            return file;
        }

        /** Flushes, closes and renames the temp file over the target. */
        public void commit() {
            if (done) {
                throw new IllegalStateException(file + " already committed or closed");
            }
            done = true;
            try {
                writer.close();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                deleteTemp();
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /** Discards the temp file unless {@link #commit()} ran. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                writer.close();
            } catch (IOException e) {
                // discarding anyway
            }
            deleteTemp();
        }

        private void deleteTemp() {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // best effort: a stray temp file next to the target
            }
        }
    }
}
