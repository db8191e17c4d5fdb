package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;
import dev.bitline.sim.io.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams commands as text lines ({@link CommandTraceFormat}) to a Writer; a {@link CommandSink}.
 * Writes the header line first. IO errors surface as UncheckedIOException from onCommand.
 *
 * <p>{@link #toFile} writes a result file the project's way: gzip when the name ends in {@code
 * .gz}, into a temp file that {@link #commit()} renames over the target, so an interrupted or
 * failed run never leaves a half-written trace ({@link #close()} without a commit discards it).
 */
public final class CommandTraceWriter implements CommandSink, Closeable {
    private final Writer out;
    private final AtomicFiles.Streamed file;
    private final StringBuilder sb = new StringBuilder(128);

    public CommandTraceWriter(Writer out) throws IOException {
        this(out, null);
    }

    private CommandTraceWriter(Writer out, AtomicFiles.Streamed file) throws IOException {
        this.out = out;
        this.file = file;
        out.write(CommandTraceFormat.HEADER);
        out.write('\n');
    }

    /** A writer to {@code file} (gzip if it ends in .gz), atomic: nothing appears before {@link #commit()}. */
    public static CommandTraceWriter toFile(Path file) {
        AtomicFiles.Streamed s = AtomicFiles.stream(file, StandardCharsets.US_ASCII);
        try {
            return new CommandTraceWriter(s.writer(), s);
        } catch (IOException e) {
            s.close();
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Completes a {@link #toFile} trace: renames it over the target. */
    public void commit() {
        if (file == null) {
            throw new IllegalStateException("commit() is for writers made by toFile");
        }
        file.commit();
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        sb.setLength(0);
        CommandTraceFormat.append(sb, cycle, command, channel, pseudoChannel, rank, bankGroup, bank, row, column);
        sb.append('\n');
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the writer; a {@link #toFile} trace that was not committed is deleted. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            return;
        }
        out.flush();
        out.close();
    }
}
