package dev.hotrel.examples.metrics;

import java.util.Map;
import java.util.TreeMap;

/** The counters by name, sorted so that a snapshot reads well. */
final class MetricsState {
    Map<String, Long> counts = new TreeMap<>();
}
