package dev.hotrel.bench.counter;

import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

/**
 * The benchmark's counter, version 1.1.0: its state is a record {@code {count, upgradedAt}}.
 * Calls as in 1.0.0: {@code "incr"}, {@code "get"}, {@code "version"}.
 */
public final class Counter implements Server<CounterState> {

    @Override
    public CounterState init(Object arg) {
        return new CounterState(0, 0);
    }

    @Override
    public Reply<CounterState> call(Object request, CounterState s) {
        if ("incr".equals(request)) {
            CounterState next = new CounterState(s.count() + 1, s.upgradedAt());
            return Reply.of(next.count(), next);
        }
        if ("get".equals(request)) {
            return Reply.of(s.count(), s);
        }
        if ("version".equals(request)) {
            return Reply.of("1.1.0", s);
        }
        throw new IllegalArgumentException("unknown request " + request);
    }

    /** Up from 1.0.0, whose state is the count alone: stamps when the upgrade happened. */
    @Override
    public CounterState codeChange(String fromVersion, OldState old, Object extra) {
        if (old.tree() instanceof Number n) {
            return new CounterState(n.longValue(), System.currentTimeMillis());
        }
        return old.as(CounterState.class);
    }

    /** Down to 1.0.0 (OTP's {@code code_change({down, Vsn}, ...)}): the count alone. */
    @Override
    public Object downgradeState(String toVersion, CounterState state, Object extra) {
        return state.count();
    }
}
