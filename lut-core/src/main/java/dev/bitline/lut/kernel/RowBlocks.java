package dev.bitline.lut.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a kernel's weight-row blocks into contiguous shares, one per thread. Each share writes
 * only its own output rows and reads the shared (read-only) weights and tables, so shares need
 * no synchronisation beyond the final join. The calling thread runs the first share itself.
 */
final class RowBlocks {
    /** Work on blocks [from, to). */
    @FunctionalInterface
    interface Share {
        void run(int from, int to);
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bitline-lut-kernel");
        t.setDaemon(true);
        return t;
    });

    private RowBlocks() {}

    static void run(int blocks, int threads, Share share) {
        int t = Math.max(1, Math.min(threads, blocks));
        if (t == 1) {
            share.run(0, blocks);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(t - 1);
        for (int i = 1; i < t; i++) {
            int from = (int) ((long) blocks * i / t);
            int to = (int) ((long) blocks * (i + 1) / t);
            futures.add(POOL.submit(() -> share.run(from, to)));
        }
        share.run(0, (int) ((long) blocks / t));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for kernel threads", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
