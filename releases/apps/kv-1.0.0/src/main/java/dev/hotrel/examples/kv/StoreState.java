package dev.hotrel.examples.kv;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's state in 1.0.0: plain values, and the open client connections by session id (the
 * tag their channel is watched with).
 */
final class StoreState {
    Map<String, String> values = new HashMap<>();
    Map<String, Session> sessions = new LinkedHashMap<>();
    long lastSession;
}
