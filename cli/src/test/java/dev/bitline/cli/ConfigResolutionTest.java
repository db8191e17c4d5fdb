package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One resolution rule for every command: a config copied outside the repository (no configs/
 * above it) finds its presets and tech tables in the installation's configs/ ($BITLINE_HOME, here
 * the system property bitline.home), for validate and the runs alike.
 */
class ConfigResolutionTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @AfterEach
    void clear() {
        System.clearProperty("bitline.home");
    }

    private static void copy(String rel, Path to) throws IOException {
        Files.copy(HOME.resolve("configs").resolve(rel), to);
    }

    @Test
    void dashDashConfigsNamesTheRootForDramAndDramCheck(@TempDir Path tmp) throws IOException {
        Path dram = tmp.resolve("my-ddr4.yaml");
        Files.writeString(dram, "extends: dram/ddr4-3200-8gb-x8\n");
        Path cmds = tmp.resolve("c.txt");
        Files.writeString(cmds, "0 ACT ch=0 ra=0 bg=0 ba=0 row=1\n");
        String root = HOME.resolve("configs").toString();
        for (List<String> args : List.of(
                List.of("dram", "--configs", root, "--config", dram.toString(), "--synthetic", "random:50", "--out",
                        tmp.resolve("o").toString()),
                List.of("dram", "check", "--configs", root, "--config", dram.toString(), cmds.toString()),
                List.of("validate", "--configs", root, dram.toString()))) {
            DramCommandTest.Result r = DramCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), args + ": " + r.err());
        }
        DramCommandTest.Result bad = DramCommandTest.run("dram", "--configs", tmp.resolve("none").toString(),
                "--config", dram.toString(), "--synthetic", "random:50");
        assertEquals(2, bad.code(), bad.err());
    }

    @Test
    void configsOutsideTheRepositoryResolveFromTheInstallation(@TempDir Path tmp) throws IOException {
        System.setProperty("bitline.home", HOME.toString());
        Path dram = tmp.resolve("my-ddr4.yaml");
        Files.writeString(dram, "extends: dram/ddr4-3200-8gb-x8\ncontroller:\n  pagePolicy: closed\n");
        Path lut = tmp.resolve("my-lut.yaml");
        copy("lut/lut-tensor-core.yaml", lut);
        Path lutDram = tmp.resolve("my-lut-hbm.yaml");
        copy("lut/lut-tensor-core-hbm2-dram.yaml", lutDram);
        Path pim = tmp.resolve("my-pim.yaml");
        copy("pim/pim-gpt.yaml", pim);
        Path cmds = tmp.resolve("c.txt");
        Files.writeString(cmds, "0 ACT ch=0 ra=0 bg=0 ba=0 row=1\n30 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0\n");
        for (List<String> args : List.of(
                List.of("validate", dram.toString(), lut.toString(), lutDram.toString(), pim.toString()),
                List.of("dram", "--config", dram.toString(), "--synthetic", "random:100", "--out", tmp.resolve("o").toString()),
                List.of("dram", "check", "--config", dram.toString(), cmds.toString()),
                List.of("lut", "gemm", "--config", lut.toString(), "--n", "64", "--k", "64"),
                List.of("lut", "gemm", "--config", lutDram.toString(), "--n", "64", "--k", "64"),
                List.of("lut", "ppa", "--config", lut.toString()),
                List.of("pim", "gemv", "--config", pim.toString(), "--rows", "64", "--cols", "64"))) {
            DramCommandTest.Result r = DramCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), args + ": " + r.err());
        }
    }
}
