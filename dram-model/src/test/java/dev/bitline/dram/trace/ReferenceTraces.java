package dev.bitline.dram.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared reference traces: {@code ../shared/reference/dram/traces} beside the repo root. */
public final class ReferenceTraces {
    public static final String SKIP_REASON =
            "reference traces absent: expected ../shared/reference/dram/traces beside the repository root";

    private ReferenceTraces() {}

    /** The repository root: the nearest directory upwards that contains {@code configs/}. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("configs")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        // Before configs/ exists on a branch, fall back to the parent pom's directory.
        p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("dram-model"))) {
                return p;
            }
            p = p.getParent();
        }
        return null;
    }

    /** The traces folder, or null when it is not there. */
    public static Path dir() {
        Path root = repoRoot();
        if (root == null) {
            return null;
        }
        Path d = root.resolve("../shared/reference/dram/traces").normalize();
        return Files.isDirectory(d) ? d : null;
    }
}
