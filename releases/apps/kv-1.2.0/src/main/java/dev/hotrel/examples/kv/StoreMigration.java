package dev.hotrel.examples.kv;

import dev.hotrel.api.OldState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the store's state into 1.2.0's shape, the same as 1.1.0's: the entries with their expiry,
 * and the sessions with their open channels. 1.0.0's plain {@code values} become entries without
 * expiry.
 *
 * <p><b>This version fails on purpose</b>: it refuses a store that holds a key named
 * {@value #POISON}. The exception aborts the install, and the node puts every server back on its
 * old code with its old state, in the same process: the demo of an in-process rollback.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** The migrated state and what the migration did, for the node's console. */
    record Result(StoreState state, String summary) {
    }

    static final String POISON = "poison";

    static Result migrate(OldState old) {
        Result r = convert(old);
        Entry poison = r.state().entries.get(POISON);
        if (poison != null && !poison.expiredAt(System.currentTimeMillis())) {
            throw new IllegalStateException(Commands.VERSION + " refuses a store holding the key '" + POISON
                    + "' (it fails on purpose, to show the in-process rollback; DEL " + POISON + " and install again)");
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Result convert(OldState old) {
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
}
