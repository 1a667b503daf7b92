package dev.hotrel.runtime.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** What changed between two configurations, as OTP's {@code config_change/3} reports it. */
record ConfigDiff(Map<String, Object> changed, Map<String, Object> added, Set<String> removed) {

    static ConfigDiff between(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, Object> added = new LinkedHashMap<>();
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        after.forEach((k, v) -> {
            if (!before.containsKey(k)) {
                added.put(k, v);
            } else if (!Objects.equals(before.get(k), v)) {
                changed.put(k, v);
            }
        });
        return new ConfigDiff(Map.copyOf(changed), Map.copyOf(added), Set.copyOf(removed));
    }

    boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }
}
