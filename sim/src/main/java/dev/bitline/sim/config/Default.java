package dev.bitline.sim.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Default for a record component whose key is absent (or explicitly null). The text
 * is read as YAML, exactly as if it had been written after the key:
 * {@code @Default("14ns")}, {@code @Default("4")}, {@code @Default("[]")},
 * {@code @Default("{}")}, {@code @Default("open")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Default {
    String value();
}
