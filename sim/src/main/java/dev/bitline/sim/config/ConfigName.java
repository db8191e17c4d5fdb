package dev.bitline.sim.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code kind:} name of a record that implements a sealed config interface
 * (default: the record's simple name). Matching ignores case, '-' and '_', so
 * {@code @ConfigName("fr-fcfs")} also accepts {@code FR_FCFS} and {@code frfcfs}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ConfigName {
    String value();
}
