package dev.bitline.pim.run;

import dev.bitline.pim.channel.Loss;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.InputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PIM micro-benchmark: square GEMVs of each size on one preset, timing only (numerics are
 * checked separately; the timing is identical), with the loss against peak broken down and the
 * analytical estimate beside the cycle model.
 */
public final class Microbench {
    private Microbench() {}

    /** One measured point. */
    public record Row(String preset, int size, InputFormat format, long cycles, double timeUs, double utilization,
            double gmacPerSecond, double peakGmacPerSecond, double internalGBps, double pjPerMac,
            Map<Loss, Double> loss, double analyticalCycles, long commands, double wallSeconds) {}

    public static final int[] SIZES = {1024, 2048, 4096, 8192, 16384};

    public static List<Row> run(String preset, PimSystem sys, int[] sizes) {
        List<Row> rows = new ArrayList<>();
        InputFormat f = sys.precisions().get(0);
        for (int n : sizes) {
            GemvLayout l = GemvRun.layout(sys, n, n, f);
            long t0 = System.nanoTime();
            GemvResult r = GemvRun.run(sys, n, n, 1, f, GemvRun.Options.defaults().withNumerics(false));
            double wall = (System.nanoTime() - t0) * 1e-9;
            rows.add(new Row(preset, n, f, r.cycles(), r.seconds() * 1e6, r.utilization(), r.macsPerSecond() / 1e9,
                    r.peakMacsPerSecond() / 1e9, r.internalBytesPerSecond() / 1e9, r.energyPerMacPj(), r.loss(),
                    PimAnalytical.cycles(sys, l, 1), r.commands(), wall));
        }
        return rows;
    }

    public static String csvHeader() {
        StringBuilder b = new StringBuilder("preset,size,format,cycles,time_us,utilization,gmac_s,peak_gmac_s,internal_gb_s,pj_per_mac");
        for (Loss l : Loss.values()) b.append(",loss_").append(l.name().toLowerCase());
        return b.append(",analytical_cycles,commands").toString();
    }

    public static String csv(Row r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%s,%d,%.3f,%.4f,%.2f,%.2f,%.2f,%.3f", r.preset(),
                r.size(), r.format().name().toLowerCase(), r.cycles(), r.timeUs(), r.utilization(), r.gmacPerSecond(),
                r.peakGmacPerSecond(), r.internalGBps(), r.pjPerMac()));
        for (Loss l : Loss.values()) b.append(String.format(Locale.ROOT, ",%.4f", r.loss().get(l)));
        return b.append(String.format(Locale.ROOT, ",%.0f,%d", r.analyticalCycles(), r.commands())).toString();
    }
}
