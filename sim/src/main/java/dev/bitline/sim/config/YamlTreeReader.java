package dev.bitline.sim.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads YAML text into a located {@link ConfigNode} tree with Jackson's streaming YAML
 * parser. Every problem, from bad UTF-8 to a duplicate key, becomes one
 * {@link ConfigException}; nothing else escapes.
 *
 * <p>Rejected on purpose: duplicate keys (the second would silently win), aliases
 * ({@code *name}: use {@code extends:} instead), explicit tags ({@code !!str}), and more
 * than one document per file.
 */
public final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final String EXPECTED_YAML = "(expected well-formed YAML)";
    private static final int MAX_BYTES = 16 << 20;

    private YamlTreeReader() {
    }

    /**
     * Reads a file. An empty file (or one with only comments) gives an empty map.
     *
     * @param displayName the name used in error locations (usually the path as the user wrote it)
     */
    public static ConfigNode read(Path file, String displayName) {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            // Bounded read: a config is small, and /dev/zero or a huge file must not exhaust memory.
            bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(displayName, 0, 0, "file is larger than " + (MAX_BYTES >> 20)
                        + " MiB (expected a YAML config file)");
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(displayName, 0, 0, "no such file (expected an existing YAML config file)");
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(displayName, 0, 0, "cannot read file: " + ConfigText.oneLine(String.valueOf(e.getMessage()))
                    + " (expected a readable YAML config file)");
        }
        String text = decodeUtf8(bytes, displayName);
        ConfigNode node = parse(text, displayName, 0);
        return node != null ? node : ConfigNode.MapNode.empty(new ConfigNode.Location(displayName, 1, 1));
    }

    /**
     * Parses YAML text. Returns null for an empty document.
     *
     * @param columnOffset added to columns on line 1 (so a {@code --set key=value} error
     *                     points into the whole argument, not just the value)
     */
    public static ConfigNode parse(String text, String fileName, int columnOffset) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Reader r = new Reader(text, fileName, columnOffset);
        return r.document();
    }

    private static String decodeUtf8(byte[] bytes, String displayName) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return dec.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Find the first bad byte to give a position.
            int bad = firstMalformed(bytes);
            int line = 1;
            int col = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw new ConfigException(displayName, line, col, "invalid UTF-8 byte sequence (expected UTF-8 text)");
        }
    }

    private static int firstMalformed(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult res = dec.decode(in, out, true);
        return res.isError() ? in.position() : bytes.length;
    }

    /** One parse: a recursive descent over Jackson's token stream. */
    private static final class Reader {
        private final String text;
        private final String file;
        private final int columnOffset;
        private JsonParser p;

        Reader(String text, String file, int columnOffset) {
            this.text = text;
            this.file = file;
            this.columnOffset = columnOffset;
        }

        ConfigNode document() {
            try (JsonParser parser = FACTORY.createParser(text)) {
                p = parser;
                JsonToken t = p.nextToken();
                if (t == null) {
                    return null;
                }
                ConfigNode root = value(t);
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    throw new ConfigException(here(), "a second YAML document (expected one document per file)");
                }
                return root;
            } catch (ConfigException e) {
                throw e;
            } catch (JsonProcessingException e) {
                throw fromParser(e);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // SnakeYAML and Jackson may throw unchecked exceptions on odd input; any of
                // them is still just "this is not YAML we can read".
                ConfigException located = fromCause(e);
                if (located != null) {
                    throw located;
                }
                ConfigNode.Location at = p == null ? loc(1, 1) : lastKnown();
                throw new ConfigException(at, "invalid YAML: " + ConfigText.oneLine(describe(e)) + " " + EXPECTED_YAML);
            }
        }

        private ConfigNode value(JsonToken t) throws IOException {
            YAMLParser y = (YAMLParser) p;
            ConfigNode.Location at = here();
            if (y.isCurrentAlias()) {
                throw new ConfigException(at, "YAML aliases (*" + p.getText()
                        + ") are not supported (expected a plain value; use extends: to share settings)");
            }
            String tag = y.getTypeId();
            if (tag != null) {
                throw new ConfigException(at, "YAML tag " + ConfigText.quote(shortTag(tag))
                        + " is not supported (expected a plain value; quote it to make a string)");
            }
            switch (t) {
                case START_OBJECT:
                    return map(at);
                case START_ARRAY:
                    return list(at);
                case VALUE_STRING:
                    return new ConfigNode.Scalar(p.getText(), ConfigNode.ScalarType.STRING, at);
                case VALUE_NUMBER_INT:
                    return new ConfigNode.Scalar(p.getText(), ConfigNode.ScalarType.INTEGER, at);
                case VALUE_NUMBER_FLOAT:
                    return new ConfigNode.Scalar(p.getText(), ConfigNode.ScalarType.FLOAT, at);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new ConfigNode.Scalar(p.getText(), ConfigNode.ScalarType.BOOLEAN, at);
                case VALUE_NULL:
                    return ConfigNode.Scalar.ofNull(at);
                default:
                    throw new ConfigException(at, "unsupported YAML value " + t + " (expected a scalar, list or map)");
            }
        }

        private ConfigNode map(ConfigNode.Location at) throws IOException {
            LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new ConfigException(here(), "unexpected " + t + " in a map (expected a key)");
                }
                String key = p.currentName();
                ConfigNode.Location keyAt = here();
                ConfigNode.Entry prev = entries.get(key);
                if (prev != null) {
                    throw new ConfigException(keyAt, "duplicate key '" + key + "' (expected each key once; first at line "
                            + prev.keyLocation().line() + ")");
                }
                ConfigNode v = value(p.nextToken());
                entries.put(key, new ConfigNode.Entry(key, keyAt, v));
            }
            return new ConfigNode.MapNode(entries, at);
        }

        private ConfigNode list(ConfigNode.Location at) throws IOException {
            List<ConfigNode> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                items.add(value(t));
            }
            return new ConfigNode.ListNode(items, at);
        }

        private ConfigNode.Location here() {
            JsonLocation l = p.currentTokenLocation();
            return loc(l.getLineNr(), l.getColumnNr());
        }

        private ConfigNode.Location lastKnown() {
            try {
                JsonLocation l = p.currentLocation();
                return loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
            } catch (RuntimeException e) {
                return loc(1, 1);
            }
        }

        private ConfigNode.Location loc(int line, int col) {
            line = Math.max(line, 1);
            col = Math.max(col, 1);
            return new ConfigNode.Location(file, line, line == 1 ? col + columnOffset : col);
        }

        private ConfigException fromParser(JsonProcessingException e) {
            ConfigException located = fromCause(e);
            if (located != null) {
                return located;
            }
            JsonLocation l = e.getLocation();
            ConfigNode.Location at = l == null ? lastKnown() : loc(l.getLineNr(), l.getColumnNr());
            String msg = ConfigText.oneLine(e.getOriginalMessage());
            if (msg.startsWith("Expected a field name")) {
                // Jackson's wording names SnakeYAML event classes; say it in YAML terms.
                return new ConfigException(at, "invalid YAML: a map key must be a plain scalar, not a list or map"
                        + " (expected key: value)");
            }
            return new ConfigException(at, "invalid YAML: " + msg + " " + EXPECTED_YAML);
        }

        /** SnakeYAML's own exceptions carry the precise position of the problem. */
        private ConfigException fromCause(Throwable e) {
            for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof MarkedYAMLException m) {
                    Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
                    ConfigNode.Location at = mark == null ? lastKnown() : loc(mark.getLine() + 1, mark.getColumn() + 1);
                    String msg = m.getProblem() != null ? m.getProblem() : m.getContext();
                    if (m.getContext() != null && m.getProblem() != null) {
                        msg = msg + ", " + m.getContext();
                    }
                    return new ConfigException(at, "invalid YAML: " + ConfigText.oneLine(msg) + " " + EXPECTED_YAML);
                }
                if (c instanceof ReaderException r) {
                    ConfigNode.Location at = offsetToLocation(r.getPosition());
                    return new ConfigException(at, "invalid YAML: character U+" + String.format("%04X", r.getCodePoint())
                            + " is not allowed (expected printable text)");
                }
            }
            return null;
        }

        private ConfigNode.Location offsetToLocation(int codePointIndex) {
            int line = 1;
            int col = 1;
            int cp = 0;
            for (int i = 0; i < text.length() && cp < codePointIndex; cp++) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (c == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return loc(line, col);
        }

        private static String describe(Throwable e) {
            String m = e.getMessage();
            return m == null ? e.getClass().getSimpleName() : m;
        }

        private static String shortTag(String tag) {
            return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
        }
    }
}
