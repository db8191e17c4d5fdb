package dev.bitline.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Test helpers for config records, shared with the other modules through the sim
 * test-jar (depend on {@code bitline-sim} with {@code <type>test-jar</type>}).
 *
 * <pre>{@code
 * DramConfig c = ConfigTesting.bindYaml("channels: 2\n...", DramConfig.class);
 * ConfigTesting.assertConfigError("channels: 0\n...", DramConfig.class, "1:11: value 0 is out of range (...)");
 * ConfigTesting.assertLoadsOrFailsCleanly(() -> loader.load(file, DramConfig.class, List.of()));
 * }</pre>
 */
public final class ConfigTesting {

    /** The file name used for inline YAML. */
    public static final String INLINE = "<test>";

    private ConfigTesting() {
    }

    /** Binds inline YAML text into {@code type} (no extends, no overrides). */
    public static <T> T bindYaml(String yaml, Class<T> type) {
        ConfigNode n = YamlTreeReader.parse(yaml, INLINE, 0);
        if (n == null) {
            n = ConfigNode.MapNode.empty(new ConfigNode.Location(INLINE, 1, 1));
        }
        return ConfigBinder.bind(n, type);
    }

    /** Asserts that binding fails with exactly {@code <test>:<lineColMessage>}, and returns the error. */
    public static ConfigException assertConfigError(String yaml, Class<?> type, String lineColMessage) {
        ConfigException e = assertThrows(ConfigException.class, () -> bindYaml(yaml, type));
        assertEquals(INLINE + ":" + lineColMessage, e.getMessage());
        assertWellFormed(e);
        return e;
    }

    /**
     * The loader's contract: the supplier returns a value or throws a well-formed
     * {@link ConfigException}; any other throwable fails the test.
     */
    public static void assertLoadsOrFailsCleanly(Supplier<?> load) {
        try {
            load.get();
        } catch (ConfigException e) {
            assertWellFormed(e);
        } catch (RuntimeException | StackOverflowError e) {
            fail("config loading let " + e + " escape instead of a ConfigException", e);
        }
    }

    /** Asserts the message is one line that starts with the error's own {@code file:line:col:}. */
    public static void assertWellFormed(ConfigException e) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "multi-line message: " + m);
        assertFalse(e.reason().isBlank(), m);
        assertTrue(m.startsWith(e.file() + ":"), m);
        if (e.line() > 0) {
            assertTrue(e.column() >= 1, m);
            assertTrue(m.startsWith(e.file() + ":" + e.line() + ":" + e.column() + ": "), m);
        }
    }

    /**
     * One to three random edits of config text: delete or insert a character, duplicate,
     * delete or swap lines, change indentation, rename a key, replace a value with
     * random text. For property tests of your own config records.
     */
    public static String mutate(String text, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(8)) {
                case 0 -> { // delete a character
                    if (!line.isEmpty()) {
                        int c = r.nextInt(line.length());
                        lines.set(i, line.substring(0, c) + line.substring(c + 1));
                    }
                }
                case 1 -> lines.add(i, line); // duplicate a line
                case 2 -> { // change indentation
                    int delta = r.nextInt(5) - 2;
                    lines.set(i, delta >= 0 ? " ".repeat(delta) + line : line.replaceFirst("^ {1," + (-delta) + "}", ""));
                }
                case 3 -> { // rename a key
                    lines.set(i, line.replaceFirst("^(\\s*)[A-Za-z]+:", "$1" + randomWord(r) + ":"));
                }
                case 4 -> { // replace a value with random text
                    lines.set(i, line.replaceFirst(":.*$", java.util.regex.Matcher.quoteReplacement(": " + randomText(r))));
                }
                case 5 -> { // insert a random character
                    int c = r.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, c) + randomChar(r) + line.substring(c));
                }
                case 6 -> lines.remove(i); // delete a line
                default -> { // swap with the next line
                    if (i + 1 < lines.size()) {
                        lines.set(i, lines.get(i + 1));
                        lines.set(i + 1, line);
                    }
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines);
    }

    private static final String SPECIAL = " :-[]{},#&*!|>'\"%@`?~\t.0123456789eE/";

    private static char randomChar(Random r) {
        return r.nextInt(3) == 0 ? (char) (32 + r.nextInt(95)) : SPECIAL.charAt(r.nextInt(SPECIAL.length()));
    }

    private static String randomWord(Random r) {
        String[] words = {"tRDC", "channel", "Name", "clock", "kind", "extends", "x", "tRCD", "links", "seed", "timing"};
        return words[r.nextInt(words.length)];
    }

    private static String randomText(Random r) {
        String[] values = {"", "null", "~", "-1", "0", "17", "1e999", "0x7fffffffffffffff", "99999999999999999999", "1.6Gz",
            "14ns", "13.75ps", "0.1ps", "[1, 2", "{a: 1}", "[]", "{}", "yes", "true", "\"quoted\"", "'x", "*alias", "&a b",
            "!!str 3", "fr-fcfs", "open", "closed_", "2GHz", "16GiB", "1b", "25.6GB/s", "extends", "dram/base", "nope",
            "system", "|", ">", "-", "? x", "%", "@", "`"};
        if (r.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(8); i > 0; i--) {
                sb.append(randomChar(r));
            }
            return sb.toString();
        }
        return values[r.nextInt(values.length)];
    }

}
