package dev.hotrel.mbeans;

import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.Map;

/**
 * Builds the CompositeData that notifications carry as user data (JConsole shows it as a form,
 * Jolokia as JSON). Items may be String, Long, Integer, Boolean or String[]. (Operation results are
 * plain classes with getters, which the MXBean layer maps itself.)
 */
final class OpenData {

    private OpenData() {
    }

    /** A CompositeData of {@code items}, in their order, each described by its key. */
    static CompositeData composite(String typeName, String description, Map<String, Object> items) {
        try {
            return new CompositeDataSupport(type(typeName, description, items), items);
        } catch (OpenDataException e) {
            throw new IllegalStateException("bad open data " + typeName + ": " + e.getMessage(), e);
        }
    }

    private static CompositeType type(String name, String description, Map<String, Object> items) throws OpenDataException {
        String[] keys = items.keySet().toArray(String[]::new);
        OpenType<?>[] types = new OpenType<?>[keys.length];
        for (int i = 0; i < keys.length; i++) {
            types[i] = openType(items.get(keys[i]), keys[i]);
        }
        return new CompositeType(name, description, keys, keys, types);
    }

    private static OpenType<?> openType(Object value, String key) throws OpenDataException {
        if (value instanceof String) {
            return SimpleType.STRING;
        } else if (value instanceof Long) {
            return SimpleType.LONG;
        } else if (value instanceof Integer) {
            return SimpleType.INTEGER;
        } else if (value instanceof Boolean) {
            return SimpleType.BOOLEAN;
        } else if (value instanceof String[]) {
            return ArrayType.getArrayType(SimpleType.STRING);
        }
        throw new IllegalArgumentException("item " + key + " has no open type: " + value);
    }
}
