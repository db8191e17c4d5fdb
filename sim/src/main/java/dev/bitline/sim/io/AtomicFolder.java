package dev.bitline.sim.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A results folder written as a whole: the run writes into a temp folder beside the target
 * ({@code .NAME.PID.N.tmp}), and {@link #commit()} puts it in place by renames, so a reader (or a
 * kill -9) sees the previous run's folder or the new one, never a mix.
 *
 * <p>Commit: entries of the previous folder that the new run did not write (a command trace the
 * user put there, notes) are carried over as hard links (copies where links are not possible), so
 * nothing else in the folder is lost; then the old folder is renamed to {@code .NAME.PID.old}, the
 * new one to NAME, and the old one deleted. Java has no atomic exchange of two folders, so between
 * those two renames NAME is briefly absent; {@link #recover(Path)} (run by every {@link #open}) puts
 * such an orphaned previous folder back and deletes the temp folders and files of processes that
 * are gone.
 */
public final class AtomicFolder implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private boolean committed;

    private AtomicFolder(Path target, Path tmp) {
        this.target = target;
        this.tmp = tmp;
    }

    /** Recovers {@code target} (see {@link #recover}), then opens a new temp folder beside it. */
    public static AtomicFolder open(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
            recover(abs);
            if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new InputException(target + ": exists and is not a folder (expected a results folder)");
            }
            // createDirectory (not createTempDirectory): the folder gets the usual permissions
            java.util.SplittableRandom rnd = new java.util.SplittableRandom();
            for (int i = 0; ; i++) {
                Path named = abs.resolveSibling(prefix(abs) + ProcessHandle.current().pid() + "."
                        + Long.toUnsignedString(rnd.nextLong(), 36) + ".tmp");
                try {
                    Files.createDirectory(named);
                    return new AtomicFolder(abs, named);
                } catch (FileAlreadyExistsException e) {
                    if (i > 100) throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results folder " + target + ": " + e.getMessage(), e);
        }
    }

    private static String prefix(Path abs) {
        return "." + abs.getFileName() + ".";
    }

    /** The temp folder to write the run's files into. */
    public Path dir() {
        return tmp;
    }

    /** The folder the files end up in. */
    public Path target() {
        return target;
    }

    /**
     * Writes {@code target} as a whole: {@code body} writes into the temp folder, which then
     * replaces the target by {@link #commit()}; if {@code body} throws, the target is untouched.
     */
    public static void writeWhole(Path target, java.util.function.Consumer<Path> body) {
        try (AtomicFolder folder = open(target)) {
            body.accept(folder.dir());
            folder.commit();
        }
    }

    /** Puts the written folder in place of the target, keeping entries the run did not write (see the class comment). */
    public void commit() {
        commit(true);
    }

    /**
     * Puts the written folder in place of the target and drops whatever the previous folder held:
     * for generated output (Verilog files), where a file the new run did not write is stale.
     */
    public void commitReplacing() {
        commit(false);
    }

    private void commit(boolean keepOthers) {
        try {
            Path old = null;
            if (Files.isDirectory(target)) {
                if (keepOthers) carryOver(target, tmp);
                old = target.resolveSibling(prefix(target) + ProcessHandle.current().pid() + ".old");
                FileTrees.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            if (old != null) FileTrees.delete(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results folder " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temp folder unless committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                FileTrees.delete(tmp);
            } catch (IOException e) {
                // best effort; recover() removes it next time
            }
        }
    }

    /**
     * Repairs what a killed run can leave beside {@code target}: if the target is missing and a
     * previous folder of a dead process is parked as {@code .NAME.PID.old}, it is put back; temp
     * folders and files ({@code .NAME.PID.*.tmp}, and any {@code .NAME*.tmp} of a dead process)
     * are deleted. Entries of live processes are left alone.
     */
    public static void recover(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) return;
        String pre = prefix(abs);
        List<Path> olds = new ArrayList<>();
        List<Path> tmps = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(pre))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                long pid = pid(n.substring(pre.length()));
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a live run's (this one's included)
                }
                if (n.endsWith(".old")) olds.add(p);
                else if (n.endsWith(".tmp")) tmps.add(p);
            }
        } catch (IOException e) {
            return;
        }
        try {
            for (Path o : olds) {
                if (!Files.exists(abs)) {
                    try {
                        Files.move(o, abs, StandardCopyOption.ATOMIC_MOVE);
                        continue;
                    } catch (FileAlreadyExistsException e) {
                        // raced with another run: it wins
                    }
                }
                FileTrees.delete(o);
            }
            for (Path t : tmps) FileTrees.delete(t);
        } catch (IOException e) {
            // best effort
        }
    }

    /** The pid at the start of {@code PID.rest}, or -1. */
    private static long pid(String s) {
        int dot = s.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void carryOver(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
            for (Path p : ds) {
                Path dest = to.resolve(p.getFileName().toString());
                if (Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue; // the new run wrote it
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(dest);
                    carryOver(p, dest);
                } else if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
                } else {
                    try {
                        Files.createLink(dest, p);
                    } catch (IOException | UnsupportedOperationException e) {
                        // no hard links here (another file system, or none supported): a copy keeps the file as well
                        Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

}
