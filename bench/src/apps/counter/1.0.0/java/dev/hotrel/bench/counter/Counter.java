package dev.hotrel.bench.counter;

import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.util.Map;

/**
 * The benchmark's counter, version 1.0.0: its state is the count itself, a {@code long} (boxed, as
 * the state of a {@link Server} is an object). Calls: {@code "incr"} answers the new count,
 * {@code "get"} the count, {@code "version"} this version.
 */
public final class Counter implements Server<Long> {

    @Override
    public Long init(Object arg) {
        return 0L;
    }

    @Override
    public Reply<Long> call(Object request, Long count) {
        if ("incr".equals(request)) {
            long next = count + 1;
            return Reply.of(next, next);
        }
        if ("get".equals(request)) {
            return Reply.of(count, count);
        }
        if ("version".equals(request)) {
            return Reply.of("1.0.0", count);
        }
        throw new IllegalArgumentException("unknown request " + request);
    }

    /**
     * Back from 1.1.0: its {@code downgradeState} hands over the count alone; a record's tree
     * ({@code {count, upgradedAt}}) is read too, should a newer version not convert down.
     */
    @Override
    public Long codeChange(String fromVersion, OldState old, Object extra) {
        Object tree = old.tree();
        if (tree instanceof Number n) {
            return n.longValue();
        }
        if (tree instanceof Map<?, ?> m && m.get("count") instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("cannot read a count from " + fromVersion + "'s state " + tree);
    }
}
