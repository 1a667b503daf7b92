package dev.hotrel.examples.kv;

import dev.hotrel.api.OldState;

/**
 * Takes the store's state as 1.0.0 keeps it: plain {@code values} and the sessions, with their open
 * channels. 1.0.0 was written before any later version existed, so it knows no other shape: a newer
 * version going down to 1.0.0 converts its own state into this one ({@code downgradeState}), and
 * what arrives here is already in 1.0.0's terms.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** The migrated state and what the migration did, for the node's console. */
    record Result(StoreState state, String summary) {
    }

    static Result migrate(OldState old) {
        StoreState same = old.as(StoreState.class);
        return new Result(same, same.values.size() + " keys kept");
    }
}
