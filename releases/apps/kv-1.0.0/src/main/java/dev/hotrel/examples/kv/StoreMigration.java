package dev.hotrel.examples.kv;

import dev.hotrel.api.OldState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the store's state into 1.0.0's shape, whichever version it comes from. Versions 1.1.0 and
 * later keep {@code entries}, a value and an expiry instant per key ({@code expiresAtMillis}, 0 for
 * none); 1.0.0 keeps plain {@code values} and cannot expire anything. On the way down, the value of
 * every key still alive is kept (no write is lost) and its expiry dropped; keys already expired go.
 * The sessions, with their open channels, come across untouched.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** The migrated state and what the migration did, for the node's console. */
    record Result(StoreState state, String summary) {
    }

    @SuppressWarnings("unchecked")
    static Result migrate(OldState old, long nowMillis) {
        Map<String, Object> tree = new LinkedHashMap<>((Map<String, Object>) old.tree());
        if (!(tree.get("entries") instanceof Map<?, ?> entries)) {
            StoreState same = old.as(StoreState.class);
            return new Result(same, same.values.size() + " keys kept");
        }
        Map<String, String> values = new HashMap<>();
        int expired = 0;
        int expiryDropped = 0;
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            Map<?, ?> entry = (Map<?, ?>) e.getValue();
            long expiresAt = entry.get("expiresAtMillis") instanceof Number n ? n.longValue() : 0;
            if (expiresAt != 0 && expiresAt <= nowMillis) {
                expired++;
                continue;
            }
            if (expiresAt != 0) {
                expiryDropped++;
            }
            values.put((String) e.getKey(), (String) entry.get("value"));
        }
        tree.remove("entries");
        tree.put("values", values);
        StoreState state = old.convert(tree, StoreState.class);
        return new Result(state, "keys kept: " + values.size() + " (" + expiryDropped + " of them without the expiry "
                + Commands.VERSION + " cannot enforce), expired keys dropped: " + expired);
    }
}
