package dev.bitline.sim.units;

import dev.bitline.sim.io.Messages;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared parsing and formatting for the unit records. Numbers are read as
 * {@link BigDecimal} so that "13.75ns" or "1.6GHz" become exact integers in the
 * base unit; a value that is not exact, negative or too large is an error, never
 * a silent rounding or an overflow wrap.
 */
final class UnitSupport {

    private UnitSupport() {
    }

    /** One accepted unit symbol and its factor relative to the base unit. */
    record Unit(String symbol, BigDecimal factor) {
    }

    /** A family of units: the symbols accepted when parsing and the ones used when formatting. */
    static final class Family {
        final String noun;          // "frequency"
        final String example;       // "1.6GHz"
        final boolean ignoreCase;   // "ghz" is unambiguous, "Ms" vs "ms" is not
        final Map<String, BigDecimal> accepted = new LinkedHashMap<>();
        final List<Unit> canonical = new ArrayList<>();

        Family(String noun, String example, boolean ignoreCase) {
            this.noun = noun;
            this.example = example;
            this.ignoreCase = ignoreCase;
        }

        /** Adds a unit that toString() may use (and parse accepts). */
        Family canonical(String symbol, BigDecimal factor) {
            canonical.add(new Unit(symbol, factor));
            return alias(symbol, factor);
        }

        /** Adds a spelling that parse accepts but toString() never produces. */
        Family alias(String symbol, BigDecimal factor) {
            accepted.put(ignoreCase ? symbol.toLowerCase(Locale.ROOT) : symbol, factor);
            return this;
        }

        String expected() {
            StringBuilder sb = new StringBuilder("expected a ").append(noun).append(" like \"")
                    .append(example).append("\"; units: ");
            for (int i = 0; i < canonical.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(canonical.get(i).symbol());
            }
            return sb.append(')').insert(0, '(').toString();
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " " + expected());
        }
    }

    static BigDecimal pow10(int n) {
        return BigDecimal.ONE.scaleByPowerOfTen(n);
    }

    static BigDecimal pow2(int n) {
        return new BigDecimal(BigInteger.ONE.shiftLeft(n));
    }

    // number, optional blanks, unit (letters, '/', micro signs). Exponent is greedy so
    // "1e9Hz" reads as 1e9 Hz.
    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[ \\t]*([A-Za-z/\u00b5\u03bc]*)");

    /** Parses text into an exact value in the family's base unit. */
    static BigDecimal parse(String text, Family f) {
        if (text == null || text.isBlank()) {
            throw f.error("empty " + f.noun);
        }
        String t = text.strip();
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            throw f.error("cannot read " + quote(text) + " as a " + f.noun);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException | ArithmeticException e) {
            throw f.error("number out of range in " + quote(text));
        }
        String unit = m.group(2);
        if (unit.isEmpty()) {
            if (number.signum() == 0) {
                return BigDecimal.ZERO; // "0" needs no unit
            }
            throw f.error("missing unit in " + quote(text));
        }
        BigDecimal factor = f.accepted.get(f.ignoreCase ? unit.toLowerCase(Locale.ROOT) : unit);
        if (factor == null) {
            throw f.error("unknown unit \"" + unit + "\" in " + quote(text));
        }
        if (number.signum() < 0) {
            throw f.error(f.noun + " must not be negative, got " + quote(text));
        }
        // Reject absurd exponents before multiplying so "1e999999999ps" costs nothing.
        if (number.signum() != 0 && number.precision() - number.scale() > 400) {
            throw f.error(quote(text) + " is too large");
        }
        return number.multiply(factor);
    }

    /** Converts an exact base-unit value into a long, naming the base unit if it is fractional. */
    static long toLongExact(BigDecimal value, String text, Family f, String baseUnitPlural) {
        if (value.signum() == 0) {
            return 0;
        }
        if (value.precision() - value.scale() > 19) {
            throw f.error(quote(text) + " is too large (at most " + Long.MAX_VALUE + " " + baseUnitPlural + ")");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw f.error(quote(text) + " is not a whole number of " + baseUnitPlural);
        }
        BigInteger bi = stripped.toBigIntegerExact();
        if (bi.bitLength() > 63) {
            throw f.error(quote(text) + " is too large (at most " + Long.MAX_VALUE + " " + baseUnitPlural + ")");
        }
        return bi.longValue();
    }

    /**
     * Shortest exact rendering over the canonical units whose value is at least 1
     * (ties go to the later, i.e. larger or binary, unit). Exact because every factor
     * is a power of 2 or 10, so the division terminates.
     */
    static String format(BigDecimal value, Family f) {
        if (value.signum() == 0) {
            return "0" + f.canonical.get(0).symbol();
        }
        String best = null;
        for (Unit u : f.canonical) {
            if (value.abs().compareTo(u.factor()) < 0 && best != null) {
                continue;
            }
            String s = value.divide(u.factor()).stripTrailingZeros().toPlainString() + u.symbol();
            if (best == null || s.length() <= best.length()) {
                best = s;
            }
        }
        return best;
    }

    static String quote(String s) {
        return Messages.quote(s);
    }
}
