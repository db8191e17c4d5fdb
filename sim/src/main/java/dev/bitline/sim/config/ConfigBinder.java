package dev.bitline.sim.config;

import dev.bitline.sim.units.Bandwidth;
import dev.bitline.sim.units.BitRate;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import dev.bitline.sim.units.Frequency;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a {@link ConfigNode} tree into immutable Java records, strictly.
 *
 * <p>Rules (see docs/configuration.md for the user-facing version):
 * <ul>
 *   <li>record component name = YAML key, exactly (case-sensitive: {@code tRCD});</li>
 *   <li>int, long, short, byte (and boxes): integers, decimal with optional '_' or 0x hex;
 *       a value that does not fit the Java type is an error, never a wrap;</li>
 *   <li>double, float: finite numbers; boolean: {@code true}/{@code false} only;</li>
 *   <li>String: any non-null scalar; enums: constant name ignoring case, '-' for '_';</li>
 *   <li>any class with a public static {@code parse(String)} factory (the unit records
 *       Frequency, Duration, DataSize, BitRate, Bandwidth): a scalar handed to parse;</li>
 *   <li>{@code List<T>}, {@code Map<String or enum, T>} (insertion order kept), nested
 *       records, {@code Optional<T>} (absent or null: empty), {@link ConfigNode} (raw);</li>
 *   <li>sealed interfaces of records: chosen by a {@code kind:} key naming the record
 *       (simple name or {@link ConfigName}); a bare scalar {@code scheduler: fcfs} is
 *       short for {@code {kind: fcfs}};</li>
 *   <li>{@link Default} fills an absent (or null) key; {@link Range} bounds numbers; a
 *       nested record whose every key is optional may be omitted entirely;</li>
 *   <li>unknown keys, wrong types, missing keys and an IllegalArgumentException from a
 *       compact constructor become a located {@link ConfigException}.</li>
 * </ul>
 * A type outside these rules is a programming error in the record, reported with
 * IllegalArgumentException (not ConfigException) so it shows up in the model's tests.
 */
public final class ConfigBinder {

    private static final String KIND = "kind";
    private static final ConfigNode.Location GENERATED = new ConfigNode.Location("<generated>", 1, 1);
    private static final Pattern DEC_INT = Pattern.compile("[+-]?[0-9]+(?:_[0-9]+)*");
    private static final Pattern HEX_INT = Pattern.compile("[+-]?0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private ConfigBinder() {
    }

    /** Binds {@code node} as a {@code type}; throws ConfigException on any config problem. */
    public static <T> T bind(ConfigNode node, Class<T> type) {
        Object v = bindValue(node, type, null, null);
        @SuppressWarnings("unchecked")
        T t = (T) (type.isPrimitive() ? v : type.cast(v));
        return t;
    }

    /** Binds {@code node} as a generic type (e.g. a {@code List<Foo>} from a ParameterizedType). */
    public static Object bind(ConfigNode node, Type type) {
        return bindValue(node, type, null, null);
    }

    // ---------------------------------------------------------------- dispatch

    private static Object bindValue(ConfigNode n, Type t, Range range, String name) {
        if (t instanceof Class<?> c) {
            return bindClass(n, c, range, name);
        }
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            if (raw == Optional.class) {
                if (n instanceof ConfigNode.Scalar s && s.isNull()) {
                    return Optional.empty();
                }
                return Optional.of(bindValue(n, args[0], range, name));
            }
            if (raw == List.class || raw == Collection.class) {
                if (!(n instanceof ConfigNode.ListNode l)) {
                    throw mismatch(n, expected(t));
                }
                List<Object> out = new ArrayList<>(l.items().size());
                for (ConfigNode item : l.items()) {
                    out.add(bindValue(item, args[0], range, name));
                }
                return Collections.unmodifiableList(out);
            }
            if (raw == Map.class) {
                if (!(n instanceof ConfigNode.MapNode m)) {
                    throw mismatch(n, expected(t));
                }
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (ConfigNode.Entry e : m.entries().values()) {
                    Object key = bindKey(e, args[0]);
                    if (out.containsKey(key)) {
                        // "open" and "OPEN" name the same enum constant
                        throw new ConfigException(e.keyLocation(), "duplicate key '" + e.key() + "' (expected each "
                                + expected(args[0]).replace("one of: ", "of: ") + " once)");
                    }
                    out.put(key, bindValue(e.value(), args[1], range, name));
                }
                return Collections.unmodifiableMap(out);
            }
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return bindValue(n, w.getUpperBounds()[0], range, name);
        }
        throw new IllegalArgumentException("unsupported config type " + t.getTypeName()
                + " (records may use primitives, String, enums, unit types, List, Map<String,T>, Optional, records, sealed interfaces)");
    }

    private static Object bindKey(ConfigNode.Entry e, Type keyType) {
        if (keyType == String.class || keyType == Object.class) {
            return e.key();
        }
        if (keyType instanceof Class<?> kc && kc.isEnum()) {
            return bindEnum(new ConfigNode.Scalar(e.key(), ConfigNode.ScalarType.STRING, e.keyLocation()), kc);
        }
        throw new IllegalArgumentException("unsupported config map key type " + keyType.getTypeName() + " (use String or an enum)");
    }

    private static Object bindClass(ConfigNode n, Class<?> c, Range range, String name) {
        if (c == ConfigNode.class) {
            return n;
        }
        if (c == int.class || c == Integer.class) {
            return (int) checkRange(n, integer(n, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"), range, name);
        }
        if (c == long.class || c == Long.class) {
            return checkRange(n, integer(n, Long.MIN_VALUE, Long.MAX_VALUE, "long"), range, name);
        }
        if (c == short.class || c == Short.class) {
            return (short) checkRange(n, integer(n, Short.MIN_VALUE, Short.MAX_VALUE, "short"), range, name);
        }
        if (c == byte.class || c == Byte.class) {
            return (byte) checkRange(n, integer(n, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte"), range, name);
        }
        if (c == double.class || c == Double.class) {
            return checkRange(n, number(n, false), range, name);
        }
        if (c == float.class || c == Float.class) {
            return (float) checkRange(n, number(n, true), range, name);
        }
        if (c == boolean.class || c == Boolean.class) {
            ConfigNode.Scalar s = scalar(n, "true or false");
            String t = s.text().strip();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
            throw mismatch(n, "true or false");
        }
        if (c == String.class) {
            return scalar(n, "a string").text();
        }
        if (c.isEnum()) {
            return bindEnum(n, c);
        }
        Method parse = parseMethod(c);
        if (parse != null) {
            ConfigNode.Scalar s = scalar(n, expected(c));
            try {
                return parse.invoke(null, s.text());
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw new ConfigException(s.location(), message(iae, expected(c)));
                }
                throw rethrow(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot call " + c.getName() + ".parse(String)", e);
            }
        }
        if (c.isRecord()) {
            return bindRecord(n, c, null);
        }
        if (c.isInterface() && c.isSealed()) {
            return bindSealed(n, c);
        }
        throw new IllegalArgumentException("unsupported config type " + c.getName()
                + " (records may use primitives, String, enums, unit types, List, Map<String,T>, Optional, records, sealed interfaces)");
    }

    // ---------------------------------------------------------------- scalars

    private static ConfigNode.Scalar scalar(ConfigNode n, String expected) {
        if (n instanceof ConfigNode.Scalar s && !s.isNull()) {
            return s;
        }
        throw mismatch(n, expected);
    }

    private static ConfigException mismatch(ConfigNode n, String expected) {
        return new ConfigException(n.location(), "expected " + expected + ", got " + n.describe());
    }

    private static long integer(ConfigNode n, long min, long max, String javaType) {
        ConfigNode.Scalar s = scalar(n, "an integer");
        String t = s.text().strip();
        BigInteger v;
        if (t.length() > 80) {
            throw mismatch(n, "an integer");
        }
        if (DEC_INT.matcher(t).matches()) {
            v = new BigInteger(t.replace("_", ""));
        } else if (HEX_INT.matcher(t).matches()) {
            boolean neg = t.startsWith("-");
            String digits = t.replace("_", "").replaceFirst("^[+-]?0x", "");
            v = new BigInteger(digits, 16);
            if (neg) {
                v = v.negate();
            }
        } else {
            throw mismatch(n, "an integer");
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException(s.location(), "value " + t + " does not fit in " + javaType
                    + " (expected an integer from " + min + " to " + max + ")");
        }
        return v.longValue();
    }

    private static double number(ConfigNode n, boolean isFloat) {
        ConfigNode.Scalar s = scalar(n, "a number");
        String t = s.text().strip().replace("_", "");
        if (t.length() > 400 || !DECIMAL.matcher(t).matches()) {
            throw mismatch(n, "a number");
        }
        double d = Double.parseDouble(t);
        if (Double.isInfinite(d) || (isFloat && Float.isInfinite((float) d))) {
            throw new ConfigException(s.location(), "value " + s.text().strip() + " is too large (expected a finite "
                    + (isFloat ? "float" : "double") + ")");
        }
        return d;
    }

    private static long checkRange(ConfigNode n, long v, Range r, String name) {
        if (r != null && (v < r.min() || v > r.max())) {
            throw outOfRange(n, r, name);
        }
        return v;
    }

    private static double checkRange(ConfigNode n, double v, Range r, String name) {
        if (r != null && (v < r.min() || v > r.max())) {
            throw outOfRange(n, r, name);
        }
        return v;
    }

    private static ConfigException outOfRange(ConfigNode n, Range r, String name) {
        String what = name == null ? "value" : name;
        StringBuilder exp = new StringBuilder("expected ");
        if (r.min() != Double.NEGATIVE_INFINITY) {
            exp.append(bound(r.min())).append(" <= ");
        }
        exp.append(what);
        if (r.max() != Double.POSITIVE_INFINITY) {
            exp.append(" <= ").append(bound(r.max()));
        }
        String text = n instanceof ConfigNode.Scalar s ? s.text().strip() : n.describe();
        return new ConfigException(n.location(), "value " + text + " is out of range (" + exp + ")");
    }

    private static String bound(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static Object bindEnum(ConfigNode n, Class<?> c) {
        String exp = expected(c);
        ConfigNode.Scalar s = scalar(n, exp);
        String want = s.text().strip().replace('-', '_');
        for (Object k : c.getEnumConstants()) {
            if (((Enum<?>) k).name().equalsIgnoreCase(want)) {
                return k;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object k : c.getEnumConstants()) {
            names.add(enumName((Enum<?>) k));
        }
        throw new ConfigException(s.location(), "unknown value " + s.describe() + " ("
                + suggestion(s.text().strip().toLowerCase(Locale.ROOT).replace('_', '-'), names) + "expected " + exp + ")");
    }

    /** The YAML spelling of an enum constant: lower case, '-' for '_' (FR_FCFS -> fr-fcfs). */
    public static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---------------------------------------------------------------- records

    private static Object bindRecord(ConfigNode n, Class<?> c, String skipKey) {
        RecordInfo info = RECORDS.get(c);
        if (!(n instanceof ConfigNode.MapNode m)) {
            throw mismatch(n, expected(c));
        }
        Object[] args = new Object[info.components.length];
        boolean[] seen = new boolean[args.length];
        for (ConfigNode.Entry e : m.entries().values()) {
            Integer idx = info.index.get(e.key());
            if (idx == null) {
                if (e.key().equals(skipKey) || isOwnKind(e, c)) {
                    continue;
                }
                throw unknownKey(e, info.names);
            }
            Comp comp = info.components[idx];
            seen[idx] = true;
            if (e.value() instanceof ConfigNode.Scalar s && s.isNull() && comp.type != ConfigNode.class) {
                args[idx] = absent(comp, m, s);
            } else {
                args[idx] = bindValue(e.value(), comp.type, comp.range, comp.name);
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (!seen[i]) {
                args[i] = absent(info.components[i], m, null);
            }
        }
        try {
            return info.ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                ConfigNode.Location at = iae instanceof BadValueException bv ? m.locationOf(bv.path()) : m.location();
                throw new ConfigException(at, message(iae, "valid " + c.getSimpleName() + " settings"));
            }
            throw rethrow(e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("cannot construct config record " + c.getName(), e);
        }
    }

    /** Value of a component whose key is absent ({@code explicitNull == null}) or written as null. */
    private static Object absent(Comp comp, ConfigNode.MapNode m, ConfigNode.Scalar explicitNull) {
        if (comp.defaultNode != null) {
            return bindValue(comp.defaultNode, comp.type, comp.range, comp.name);
        }
        if (comp.optional) {
            return Optional.empty();
        }
        if (explicitNull != null) {
            throw mismatch(explicitNull, expected(comp.type));
        }
        if (comp.type instanceof Class<?> rc && rc.isRecord() && parseMethod(rc) == null && RECORDS.get(rc).allOptional) {
            return bindRecord(ConfigNode.MapNode.empty(m.location()), rc, null);
        }
        throw new ConfigException(m.location(), "missing required key '" + comp.name + "' (expected " + expected(comp.type) + ")");
    }

    private static ConfigException unknownKey(ConfigNode.Entry e, List<String> names) {
        String shown = ConfigText.quote(e.key());
        shown = "'" + shown.substring(1, shown.length() - 1) + "'";
        return new ConfigException(e.keyLocation(), "unknown key " + shown + " (" + suggestion(e.key(), names)
                + (names.isEmpty() ? "expected no keys" : "expected one of: " + String.join(", ", names)) + ")");
    }

    /** "did you mean 'tRCD'? " for a near miss (same letters in another case, or edit distance 1-2), else "". */
    private static String suggestion(String given, List<String> names) {
        if (given.length() > 100) {
            return "";
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String nm : names) {
            int d = nm.equalsIgnoreCase(given) ? 0 : ConfigText.editDistance(given, nm);
            if (d < bestD) {
                bestD = d;
                best = nm;
            }
        }
        int limit = given.length() <= 4 ? 1 : 2;
        return best != null && bestD <= limit ? "did you mean '" + best + "'? " : "";
    }

    private static Object bindSealed(ConfigNode n, Class<?> iface) {
        SealedInfo si = SEALED.get(iface);
        ConfigNode.MapNode body;
        ConfigNode.Scalar kind;
        if (n instanceof ConfigNode.Scalar s && !s.isNull()) {
            kind = s;
            body = ConfigNode.MapNode.empty(s.location());
        } else if (n instanceof ConfigNode.MapNode m) {
            ConfigNode k = m.get(KIND);
            if (k == null) {
                throw new ConfigException(m.location(), "missing required key 'kind' (expected one of: "
                        + String.join(", ", si.names) + ")");
            }
            kind = scalar(k, "one of: " + String.join(", ", si.names));
            body = m;
        } else {
            throw mismatch(n, expected(iface));
        }
        Class<?> rc = si.byName.get(normalizeKind(kind.text()));
        if (rc == null) {
            throw new ConfigException(kind.location(), "unknown kind " + kind.describe() + " ("
                    + suggestion(kind.text().strip(), si.names) + "expected one of: " + String.join(", ", si.names) + ")");
        }
        return bindRecord(body, rc, KIND);
    }

    private static String normalizeKind(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    static String kindName(Class<?> rc) {
        ConfigName cn = rc.getAnnotation(ConfigName.class);
        return cn != null ? cn.value() : rc.getSimpleName();
    }

    // ---------------------------------------------------------------- descriptions

    /** What a value of this type looks like, for messages: {@code a duration like "14ns"}. */
    public static String expected(Type t) {
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] a = pt.getActualTypeArguments();
            if (raw == Optional.class) {
                return expected(a[0]);
            }
            if (raw == List.class || raw == Collection.class) {
                return "a list of " + plural(expected(a[0]));
            }
            if (raw == Map.class) {
                return "a map of names to " + plural(expected(a[1]));
            }
            return "a " + raw.getSimpleName();
        }
        if (!(t instanceof Class<?> c)) {
            return "a value";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class
                || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return "an integer";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (c == Frequency.class) {
            return "a frequency like \"1.6GHz\"";
        }
        if (c == Duration.class) {
            return "a duration like \"14ns\"";
        }
        if (c == DataSize.class) {
            return "a data size like \"16GiB\"";
        }
        if (c == BitRate.class) {
            return "a bit rate like \"3.2Gbps\"";
        }
        if (c == Bandwidth.class) {
            return "a bandwidth like \"25.6GB/s\"";
        }
        if (c == ConfigNode.class) {
            return "a YAML value";
        }
        if (c.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object k : c.getEnumConstants()) {
                names.add(enumName((Enum<?>) k));
            }
            return "one of: " + String.join(", ", names);
        }
        if (parseMethod(c) != null) {
            return "a " + c.getSimpleName();
        }
        if (c.isRecord()) {
            List<String> names = RECORDS.get(c).names;
            return names.isEmpty() ? "a map" : "a map with keys " + abbreviate(names);
        }
        if (c.isInterface() && c.isSealed()) {
            return "a map with kind: one of " + String.join(", ", SEALED.get(c).names);
        }
        return "a " + c.getSimpleName();
    }

    private static String plural(String s) {
        return s.startsWith("a ") || s.startsWith("an ") ? "values: " + s : s;
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 8) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 8)) + ", ...";
    }

    private static String message(IllegalArgumentException e, String fallbackExpected) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "invalid value (expected " + fallbackExpected + ")" : ConfigText.oneLine(m);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    // ---------------------------------------------------------------- reflection caches

    private static final ClassValue<Method> PARSE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> c) {
            try {
                Method m = c.getMethod("parse", String.class);
                if (Modifier.isStatic(m.getModifiers()) && c.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // not a scalar value type
            }
            return null;
        }
    };

    private static Method parseMethod(Class<?> c) {
        if (c.isPrimitive() || c.isArray() || c.isEnum() || c == String.class) {
            return null;
        }
        return PARSE.get(c);
    }

    /** One record component, with its annotations read once. */
    private static final class Comp {
        final String name;
        final Type type;
        final Range range;
        final boolean optional;
        final ConfigNode defaultNode;

        Comp(String owner, RecordComponent rc) {
            this.name = rc.getName();
            this.type = rc.getGenericType();
            this.range = rc.getAnnotation(Range.class);
            this.optional = rc.getType() == Optional.class;
            if (range != null && !isNumeric(leaf(type))) {
                // Silently ignoring it would let a model believe a unit value is checked.
                throw new IllegalArgumentException("@Range on " + owner + "." + name + " needs a numeric type, not "
                        + type.getTypeName() + " (check unit values in the compact constructor)");
            }
            Default d = rc.getAnnotation(Default.class);
            if (d != null) {
                String where = "<@Default of " + owner + "." + name + ">";
                ConfigNode dn = YamlTreeReader.parse(d.value(), where, 0);
                // @Default("") means the empty string (YAML would read it as null)
                this.defaultNode = dn != null ? dn
                        : new ConfigNode.Scalar("", ConfigNode.ScalarType.STRING, new ConfigNode.Location(where, 1, 1));
            } else {
                this.defaultNode = null;
            }
        }
    }

    /** The element type under Optional / List, which is what @Range bounds. */
    private static Type leaf(Type t) {
        if (t instanceof ParameterizedType pt && (pt.getRawType() == Optional.class || pt.getRawType() == List.class
                || pt.getRawType() == Collection.class)) {
            return leaf(pt.getActualTypeArguments()[0]);
        }
        return t;
    }

    private static boolean isNumeric(Type t) {
        return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class
                || t == Short.class || t == byte.class || t == Byte.class || t == double.class || t == Double.class
                || t == float.class || t == Float.class;
    }

    private static final class RecordInfo {
        final Comp[] components;
        final Map<String, Integer> index = new LinkedHashMap<>();
        final List<String> names;
        final Constructor<?> ctor;
        final boolean allOptional;

        RecordInfo(Class<?> c) {
            RecordComponent[] rcs = c.getRecordComponents();
            components = new Comp[rcs.length];
            Class<?>[] types = new Class<?>[rcs.length];
            List<String> ns = new ArrayList<>();
            boolean all = true;
            for (int i = 0; i < rcs.length; i++) {
                components[i] = new Comp(c.getSimpleName(), rcs[i]);
                types[i] = rcs[i].getType();
                index.put(rcs[i].getName(), i);
                ns.add(rcs[i].getName());
                all &= components[i].optional || components[i].defaultNode != null;
            }
            names = List.copyOf(ns);
            allOptional = all;
            try {
                ctor = c.getDeclaredConstructor(types);
                ctor.setAccessible(true);
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new IllegalArgumentException("config record " + c.getName() + " has no accessible canonical constructor", e);
            }
        }
    }

    private static final ClassValue<RecordInfo> RECORDS = new ClassValue<>() {
        @Override
        protected RecordInfo computeValue(Class<?> c) {
            return new RecordInfo(c);
        }
    };

    private static final class SealedInfo {
        final Map<String, Class<?>> byName = new LinkedHashMap<>();
        final List<String> names = new ArrayList<>();

        SealedInfo(Class<?> iface) {
            collect(iface);
        }

        private void collect(Class<?> c) {
            for (Class<?> sub : c.getPermittedSubclasses()) {
                if (sub.isRecord()) {
                    String nm = kindName(sub);
                    byName.put(normalizeKind(nm), sub);
                    names.add(nm);
                } else if (sub.isInterface() && sub.isSealed()) {
                    collect(sub);
                } else {
                    throw new IllegalArgumentException("sealed config type " + c.getName() + " permits " + sub.getName()
                            + ", which is not a record");
                }
            }
        }
    }

    private static final ClassValue<SealedInfo> SEALED = new ClassValue<>() {
        @Override
        protected SealedInfo computeValue(Class<?> c) {
            return new SealedInfo(c);
        }
    };

    // ---------------------------------------------------------------- records -> tree

    /**
     * The reverse of binding: a tree for a bound value (records, lists, maps, units,
     * enums, primitives). Dumping it with {@link ConfigLoader#toYaml(ConfigNode)} gives a
     * fully resolved config (defaults included) that binds back to an equal value.
     */
    public static ConfigNode toNode(Object value) {
        if (value == null) {
            return ConfigNode.Scalar.ofNull(GENERATED);
        }
        if (value instanceof ConfigNode cn) {
            return cn;
        }
        if (value instanceof Optional<?> o) {
            return toNode(o.orElse(null));
        }
        if (value instanceof String s) {
            return new ConfigNode.Scalar(s, ConfigNode.ScalarType.STRING, GENERATED);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return new ConfigNode.Scalar(value.toString(), ConfigNode.ScalarType.INTEGER, GENERATED);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            String text = value instanceof Float f ? Float.toString(f) : Double.toString(d);
            return new ConfigNode.Scalar(text, Double.isFinite(d) ? ConfigNode.ScalarType.FLOAT : ConfigNode.ScalarType.STRING,
                    GENERATED);
        }
        if (value instanceof Boolean b) {
            return new ConfigNode.Scalar(b.toString(), ConfigNode.ScalarType.BOOLEAN, GENERATED);
        }
        if (value instanceof Enum<?> e) {
            return new ConfigNode.Scalar(enumName(e), ConfigNode.ScalarType.STRING, GENERATED);
        }
        Class<?> c = value.getClass();
        if (parseMethod(c) != null) {
            return new ConfigNode.Scalar(value.toString(), ConfigNode.ScalarType.STRING, GENERATED);
        }
        if (value instanceof List<?> l) {
            List<ConfigNode> items = new ArrayList<>();
            for (Object o : l) {
                items.add(toNode(o));
            }
            return new ConfigNode.ListNode(items, GENERATED);
        }
        if (value instanceof Map<?, ?> map) {
            LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = e.getKey() instanceof Enum<?> en ? enumName(en) : String.valueOf(e.getKey());
                entries.put(k, new ConfigNode.Entry(k, GENERATED, toNode(e.getValue())));
            }
            return new ConfigNode.MapNode(entries, GENERATED);
        }
        if (c.isRecord()) {
            LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            if (isSealedMember(c)) {
                entries.put(KIND, new ConfigNode.Entry(KIND, GENERATED,
                        new ConfigNode.Scalar(kindName(c), ConfigNode.ScalarType.STRING, GENERATED)));
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                Object v;
                try {
                    Method acc = rc.getAccessor();
                    acc.setAccessible(true);
                    v = acc.invoke(value);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalArgumentException("cannot read " + c.getName() + "." + rc.getName(), e);
                }
                if (v instanceof Optional<?> o && o.isEmpty()) {
                    continue;
                }
                entries.put(rc.getName(), new ConfigNode.Entry(rc.getName(), GENERATED, toNode(v)));
            }
            return new ConfigNode.MapNode(entries, GENERATED);
        }
        return new ConfigNode.Scalar(value.toString(), ConfigNode.ScalarType.STRING, GENERATED);
    }

    /** {@code kind: <this record>} is accepted on a sealed member bound directly (as toNode writes it). */
    private static boolean isOwnKind(ConfigNode.Entry e, Class<?> c) {
        return e.key().equals(KIND) && isSealedMember(c) && e.value() instanceof ConfigNode.Scalar s && !s.isNull()
                && normalizeKind(s.text()).equals(normalizeKind(kindName(c)));
    }

    private static boolean isSealedMember(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.isSealed()) {
                return true;
            }
        }
        return false;
    }
}
