package dev.hotrel.bench.counter;

/**
 * The counter's state from 1.1.0 on.
 *
 * @param count calls of {@code incr} so far
 * @param upgradedAt when the server moved to 1.1.0 (epoch milliseconds), 0 if it started on it
 */
public record CounterState(long count, long upgradedAt) {
}
