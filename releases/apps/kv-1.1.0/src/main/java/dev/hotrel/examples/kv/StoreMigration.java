package dev.hotrel.examples.kv;

import dev.hotrel.api.OldState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the store's state into 1.1.0's shape, whichever version it comes from. 1.0.0 kept plain
 * {@code values}: each becomes an {@link Entry} that never expires. 1.2.0 and 2.0.0 keep the same
 * {@code entries} as 1.1.0, expiry instants included, so their keys keep their expiry. The sessions,
 * with their open channels, come across untouched.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** The migrated state and what the migration did, for the node's console. */
    record Result(StoreState state, String summary) {
    }

    @SuppressWarnings("unchecked")
    static Result migrate(OldState old) {
        Map<String, Object> tree = new LinkedHashMap<>((Map<String, Object>) old.tree());
        if (!(tree.get("values") instanceof Map<?, ?> values)) {
            StoreState same = old.as(StoreState.class);
            return new Result(same, same.entries.size() + " keys kept with their expiry");
        }
        Map<String, Object> entries = new HashMap<>();
        values.forEach((key, value) -> entries.put((String) key, Map.of("value", value, "expiresAtMillis", 0L)));
        tree.remove("values");
        tree.put("entries", entries);
        StoreState state = old.convert(tree, StoreState.class);
        return new Result(state, entries.size() + " plain values became entries without expiry");
    }

    /**
     * The state in 1.0.0's shape, for a downgrade to it: 1.0.0 keeps plain values and cannot expire
     * anything, and was written before this version existed, so the conversion lives here. The value
     * of every key still alive is kept (no write is lost) and its expiry dropped; keys already
     * expired go. The sessions, with their open channels, go across by reference.
     */
    static Map<String, Object> toPlainValues(StoreState state, long nowMillis) {
        Map<String, String> values = new HashMap<>();
        int expired = 0;
        for (Map.Entry<String, Entry> e : state.entries.entrySet()) {
            if (e.getValue().expiredAt(nowMillis)) {
                expired++;
            } else {
                values.put(e.getKey(), e.getValue().value);
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("values", values);
        tree.put("sessions", state.sessions);
        tree.put("lastSession", state.lastSession);
        System.out.println("kv.store: " + Commands.NUMBER + " -> 1.0.0: keys kept: " + values.size()
                + " without their expiry, expired keys dropped: " + expired);
        return tree;
    }
}
