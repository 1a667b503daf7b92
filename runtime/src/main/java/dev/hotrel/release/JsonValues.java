package dev.hotrel.release;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON values in manifests (an instruction's {@code extra}, configuration in
 * {@code sys.json}) as plain JDK values: {@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} or null. JDK types because these values are
 * handed to application code ({@code codeChange(from, old, extra)}), which sees only JDK and
 * {@code dev.hotrel.api} types. Frozen, so that the records holding them stay immutable.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * A deep, unmodifiable copy of a JSON value (nulls inside kept).
     *
     * @throws ManifestException if something in it is not a JSON value
     */
    static Object freeze(String field, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw ManifestException.field(field, "object keys must be strings, found " + e.getKey());
                }
                copy.put(key, freeze(field + "." + key, e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(freeze(field + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        throw ManifestException.field(field, "not a JSON value: " + value.getClass().getName());
    }

    /** {@link #freeze} for a value that must be an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> freezeObject(String field, Object value) {
        if (!(value instanceof Map)) {
            throw ManifestException.field(field, "expected an object, found " + describe(value));
        }
        return (Map<String, Object>) freeze(field, value);
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value.toString();
    }
}
