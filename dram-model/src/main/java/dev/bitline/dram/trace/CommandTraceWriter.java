package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Streams commands as text lines ({@link CommandTraceFormat}) to a Writer; a {@link CommandSink}.
 * Writes the header line first. IO errors surface as UncheckedIOException from onCommand.
 */
public final class CommandTraceWriter implements CommandSink, Closeable {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(128);

    public CommandTraceWriter(Writer out) throws IOException {
        this.out = out;
        out.write(CommandTraceFormat.HEADER);
        out.write('\n');
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

    @Override
    public void close() throws IOException {
        out.flush();
        out.close();
    }
}
