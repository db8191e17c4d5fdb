package dev.bitline.sim.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a folder tree, the one implementation for results folders, tool caches and temporary
 * build folders. Symbolic links are removed, never followed, so deleting a tree can never reach
 * files outside it.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code p} and everything under it; a missing path is not an error. */
    public static void delete(Path p) throws IOException {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) { // walk does not follow links by default
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path q : all) Files.deleteIfExists(q);
    }

    /**
     * Deletes what it can of {@code p} and says nothing: for temporary folders whose leftovers are
     * harmless (a later run or the OS cleans them up) and whose failure must not hide the error
     * that made the caller clean up.
     */
    public static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // keep going: delete as much as possible
                }
            }
        } catch (IOException ignored) {
            // best effort by contract
        }
    }
}
