package dev.hotrel.examples.kv;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's state since 1.1.0: an {@link Entry} (value and expiry) per key where 1.0.0 kept a
 * plain value, and the open client connections by session id (the tag their channel is watched
 * with).
 */
final class StoreState {
    Map<String, Entry> entries = new HashMap<>();
    Map<String, Session> sessions = new LinkedHashMap<>();
    long lastSession;
}
