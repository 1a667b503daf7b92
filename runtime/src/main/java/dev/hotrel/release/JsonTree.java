package dev.hotrel.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the hand-written JSON forms ({@link Instruction}, {@link RelupStep}) from a tree with the
 * same strictness as the records Jackson binds: exact types, no coercion, every problem a
 * {@link ManifestException} naming the field.
 */
final class JsonTree {

    private JsonTree() {
    }

    static ObjectNode object(JsonNode node, String what) {
        if (!(node instanceof ObjectNode o)) {
            throw ManifestException.field("", "expected " + what + " (a JSON object), found " + describe(node));
        }
        return o;
    }

    /**
     * The one key of {@code node} that names its kind. Lists, not sets, here and in
     * {@link #onlyKeys}: an error message lists the expected names in the order the format documents
     * them, the same on every run.
     *
     * @throws ManifestException if there is none, an unknown one comes first, or there are two
     */
    static String kind(ObjectNode node, List<String> kinds, String what) {
        String found = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (kinds.contains(key)) {
                if (found != null) {
                    throw ManifestException.field(key, "one " + what + " per object, but this one has both '"
                            + found + "' and '" + key + "'");
                }
                found = key;
            }
        }
        if (found == null) {
            String first = node.fieldNames().hasNext() ? node.fieldNames().next() : null;
            throw ManifestException.field(first == null ? "" : first, (first == null ? "empty " + what
                    : "unknown " + what + " '" + first + "'") + " (expected one of " + String.join(", ", kinds) + ")");
        }
        return found;
    }

    /** Refuses keys other than {@code kind} and {@code options} (in documented order, for the message). */
    static void onlyKeys(ObjectNode node, String kind, List<String> options) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(kind) && !options.contains(key)) {
                throw ManifestException.field(key, "unknown option '" + key + "' of '" + kind + "' (expected "
                        + (options.isEmpty() ? "no options" : String.join(", ", options)) + ")");
            }
        }
    }

    static String text(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw ManifestException.field(key, "missing");
        }
        if (!node.isTextual()) {
            throw ManifestException.field(key, "expected a string, found " + describe(node));
        }
        return node.textValue();
    }

    static String optionalText(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        return node == null || node.isNull() ? null : text(parent, key);
    }

    static Long optionalLong(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ManifestException.field(key, "expected an integer, found " + describe(node));
        }
        return node.longValue();
    }

    static List<String> optionalTextList(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ManifestException.field(key, "expected an array of strings, found " + describe(node));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw ManifestException.field(key + "[" + i + "]", "expected a string, found " + describe(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A JSON value as JDK values: maps, lists, strings, numbers, booleans, null. */
    static Object toJdk(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toJdk(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJdk(item)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        throw ManifestException.field("", "not a JSON value: " + node.getNodeType());
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }
}
