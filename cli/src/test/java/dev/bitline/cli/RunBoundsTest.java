package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that cannot finish or have nothing to do are refused up front (exit 2, one line, nothing
 * written): empty inputs, unbounded synthetic counts and rates, a GEMM larger than a Java array;
 * and --format is accepted only where it means something.
 */
class RunBoundsTest {
    private static void refused(Path out, String mustContain, String... args) {
        DramCommandTest.Result r = DramCommandTest.run(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(mustContain), r.err());
        if (out != null) assertFalse(Files.exists(out), "wrote " + out);
    }

    @Test
    void emptyInputsSayThereIsNothingToDo(@TempDir Path tmp) throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.trace"), "");
        Path comments = Files.writeString(tmp.resolve("comments.trace"), "# nothing\n\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        new GZIPOutputStream(gz).close();
        Path emptyGz = Files.write(tmp.resolve("empty.trace.gz"), gz.toByteArray());
        Path out = tmp.resolve("o");
        for (Path t : List.of(empty, comments, emptyGz)) {
            refused(out, "no requests: nothing to simulate", "dram", "--config", DramCommandTest.CONFIG, "--trace",
                    t.toString(), "--out", out.toString());
        }
        refused(out, "count 0: nothing to simulate", "dram", "--config", DramCommandTest.CONFIG, "--synthetic",
                "random:0", "--out", out.toString());
    }

    @Test
    void unboundedRunsAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        refused(out, "more than one run can finish", "dram", "--config", DramCommandTest.CONFIG, "--synthetic",
                "random:10000000000000", "--out", out.toString());
        refused(out, "(expected rate=0 for as fast as possible, or >= 1.0E-6)", "dram", "--config",
                DramCommandTest.CONFIG, "--synthetic", "random:100,rate=1e-300", "--out", out.toString());
        refused(null, "n*k = 10000000000 elements", "lut", "gemm", "--config",
                Path.of("..", "configs", "lut", "lut-tensor-core.yaml").toString(), "--m", "64", "--n", "100000",
                "--k", "100000");
    }

    @Test
    void formatOnlyWithATrace(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        refused(out, "--format csv applies to --trace only", "dram", "--config", DramCommandTest.CONFIG,
                "--synthetic", "random:100", "--format", "csv", "--out", out.toString());
    }
}
