package dev.bitline.mapping.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bitline.sim.io.InputException;

/** Schedules as JSON: records field by field, unknown fields rejected on the way back. */
public final class ScheduleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScheduleJson() {}

    public static String write(Schedule s) {
        try {
            return MAPPER.writeValueAsString(s) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedule not serializable", e);
        }
    }

    /** Reads a schedule; {@code file} names the source in the one-line error. */
    public static Schedule read(String json, String file) {
        try {
            return MAPPER.readValue(json, Schedule.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? file : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new InputException(at + ": not a schedule (" + e.getOriginalMessage() + ")");
        }
    }
}
