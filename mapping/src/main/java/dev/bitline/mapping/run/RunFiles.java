package dev.bitline.mapping.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bitline.mapping.schedule.ScheduleJson;
import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The files of a run, each written atomically: {@code report.json} (everything), {@code
 * functions.csv}, {@code layers.csv}, {@code schedule.json} (the first decode step, readable by
 * {@link ScheduleJson}), {@code breakdown.png} and {@code breakdown.svg}.
 */
public final class RunFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {}

    public static void write(RunReport r, Path dir) {
        try {
            AtomicFiles.write(dir.resolve("report.json"), JSON.writeValueAsString(r) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serializable", e);
        }
        StringBuilder f = new StringBuilder("function,unit,per_token,simulated_us_per_token,estimated_us_per_token,moved_bytes_per_token,energy_uj_per_token,cycle_model\n");
        int t = r.workload().tokens();
        for (RunReport.FunctionRow row : r.functions()) {
            f.append(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%d,%.6f,%b%n", row.function(), row.unit(), row.perToken(),
                    row.simulatedPs() * 1e-6 / t, row.estimatedPs() * 1e-6 / t, row.movedBytes() / t,
                    row.energyPj() * 1e-6 / t, row.cycleModel()));
        }
        AtomicFiles.write(dir.resolve("functions.csv"), f.toString());
        StringBuilder l = new StringBuilder("layer,simulated_us_per_token,estimated_us_per_token,cycles_per_token,energy_uj_per_token\n");
        for (RunReport.LayerRow row : r.layers()) {
            l.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%d,%.6f%n", row.layer(), row.simulatedPs() * 1e-6 / t,
                    row.estimatedPs() * 1e-6 / t, Math.round(row.simulatedPs() * 1e-12 * r.clockHz() / t),
                    row.energyPj() * 1e-6 / t));
        }
        AtomicFiles.write(dir.resolve("layers.csv"), l.toString());
        AtomicFiles.write(dir.resolve("schedule.json"), ScheduleJson.write(r.first()));
        RunPlots.write(RunPlots.breakdown(r), dir.resolve("breakdown"));
    }
}
