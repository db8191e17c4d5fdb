package dev.bitline.mapping.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sweep under configs/sweeps/ loads, plans and binds every axis value (no point is run). */
class ShippedSweepsTest {
    @Test
    void everyShippedSweepIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SweepFiles.CONFIGS.resolve("sweeps"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            Sweep sw = Sweep.load(f, new ConfigLoader(SweepFiles.CONFIGS));
            assertTrue(sw.points().size() > 1, f.toString());
            sw.validate();
        }
    }
}
