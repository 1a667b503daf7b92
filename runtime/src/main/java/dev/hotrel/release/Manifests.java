package dev.hotrel.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes the manifests ({@link Release}, {@link AppSpec}, {@link Appup}, {@link Relup},
 * {@link SysConfig}, {@link Releases}) with one strictly configured Jackson mapper: unknown fields,
 * duplicate keys, trailing content and type coercions (a number where a string belongs) are
 * refused. Every problem becomes one {@link ManifestException} that names the file and the path to
 * the field ({@code upFrom[0].instructions[1].purge}).
 *
 * <p>Writing is canonical: two-space indentation, {@code "key": value}, {@code \n} line ends, fields
 * in the records' declared order, a final newline. The same manifest always gives the same bytes,
 * which reproducible archives rely on.
 *
 * <p>The mapper only ever sees these node-side record types, never application classes, so its
 * JVM-wide type cache cannot pin an application's classloader.
 */
public final class Manifests {

    public static final String RELEASE = "release.json";
    public static final String APP = "app.json";
    public static final String APPUP = "appup.json";
    public static final String RELUP = "relup.json";
    public static final String SYS = "sys.json";
    public static final String RELEASES = "RELEASES.json";

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

    private Manifests() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Collection, LogicalType.Map, LogicalType.POJO}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withArrayIndenter(indenter)
                .withObjectIndenter(indenter);
    }

    /**
     * Reads a manifest file, named in errors as {@code file} is.
     *
     * @throws ManifestException if the content is not a valid manifest of that type
     * @throws IOException if the file cannot be read
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(Files.readAllBytes(file), type, file.toString());
    }

    /**
     * Reads a manifest from bytes.
     *
     * @param fileName how errors name the file, e.g. {@code lib/counter-1.0.0/app.json}
     * @throws ManifestException if the content is not a valid manifest of that type
     */
    public static <T> T read(byte[] json, Class<T> type, String fileName) {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw translate(e, fileName);
        } catch (ManifestException e) {
            throw e.in(fileName, "");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + fileName + " from memory", e);
        }
        if (value == null) {
            throw new ManifestException(fileName, "", "expected a JSON object, found null", null);
        }
        return value;
    }

    /** The canonical JSON of a manifest, UTF-8, ending in a newline. */
    public static byte[] toJson(Object manifest) {
        try {
            String text = WRITER.writeValueAsString(manifest);
            return (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + manifest.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes the canonical JSON of a manifest (not atomically: see the release root for that). */
    public static void write(Object manifest, Path file) throws IOException {
        Files.write(file, toJson(manifest));
    }

    // ---- errors: Jackson's exceptions turned into "file: field: what was expected" -----------------

    private static ManifestException translate(JsonProcessingException e, String file) {
        if (e instanceof StreamReadException read && !(e instanceof MismatchedInputException)) {
            String where = read.getLocation() == null ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
            return new ManifestException(file, "", "invalid JSON" + where + ": " + firstLine(read.getOriginalMessage()), e);
        }
        String path = e instanceof JsonMappingException m ? path(m) : "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ManifestException me) {
                return new ManifestException(file, ManifestException.join(path, me.field()), me.problem(), e);
            }
            if (t instanceof StreamReadException read && t != e) {
                return translate(read, file);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new ManifestException(file, path, "unknown field '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (expected one of " + known + ")"), e);
        }
        if (e instanceof InvalidFormatException f) {
            return new ManifestException(file, path, "expected " + describe(f.getTargetType())
                    + ", found " + JsonValues.describe(f.getValue()), e);
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("No content to map")) {
                return new ManifestException(file, "", "empty file (expected a JSON object)", e);
            }
            if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("Trailing token")) {
                return new ManifestException(file, "", "unexpected content after the JSON object", e);
            }
            return new ManifestException(file, path, "expected " + describe(m.getTargetType()) + found(m), e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        return new ManifestException(file, path, firstLine(message), e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("JsonToken\\.([A-Z_]+)");
    private static final java.util.regex.Pattern FROM = java.util.regex.Pattern.compile(
            "from (String|Number|Integer|Floating-point|Array|Object|Boolean) value");

    /** What was found instead, from the token Jackson names in its message (its parser is closed by now). */
    private static String found(MismatchedInputException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        java.util.regex.Matcher token = TOKEN.matcher(message);
        String kind = token.find() ? token.group(1) : null;
        if (kind == null) {
            java.util.regex.Matcher from = FROM.matcher(message);
            kind = from.find() ? from.group(1) : "";
        }
        return switch (kind) {
            case "START_OBJECT", "FIELD_NAME", "END_OBJECT", "Object" -> ", found an object";
            case "START_ARRAY", "END_ARRAY", "Array" -> ", found an array";
            case "VALUE_NULL" -> ", found null";
            case "VALUE_STRING", "String" -> ", found a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT", "Number", "Integer", "Floating-point" -> ", found a number";
            case "VALUE_TRUE", "VALUE_FALSE", "Boolean" -> ", found a boolean";
            default -> "";
        };
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Version.class) {
            return "a version string (" + Version.EXPECTED + ")";
        }
        if (type == VersionPattern.class || type == ReleaseStatus.class) {
            return "a string";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
