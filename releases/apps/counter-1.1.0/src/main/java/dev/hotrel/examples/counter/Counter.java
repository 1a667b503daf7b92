package dev.hotrel.examples.counter;

import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.util.Map;

/**
 * A counter, version 1.1.0: counts in steps. {@code "next"} adds the step and answers the new
 * count, {@code "get"} answers the count, {@code Map.of("step", n)} sets the step, a cast of
 * {@code "reset"} sets the count back to zero.
 *
 * <p>Its state gained {@code step}: an upgrade from 1.0.x keeps the count and takes the step from
 * the appup's {@code extra} ({@code {"step": 1}}); a downgrade to 1.0.x keeps the count and drops
 * the step (1.0.0's default code change ignores fields it does not know).
 */
public final class Counter implements Server<Counter.State> {

    /** What survives a code change: the count, and since 1.1.0 the step. */
    public static final class State {
        public long count;
        public long step = 1;
    }

    @Override
    public State init(Object arg) {
        State state = new State();
        if (arg instanceof Number step) {
            state.step = step.longValue();
        }
        return state;
    }

    @Override
    public Reply<State> call(Object request, State state) {
        if ("next".equals(request)) {
            state.count += state.step;
            return Reply.of(state.count, state);
        }
        if ("get".equals(request)) {
            return Reply.of(state.count, state);
        }
        if (request instanceof Map<?, ?> m && m.get("step") instanceof Number step) {
            state.step = step.longValue();
            return Reply.of(state.step, state);
        }
        return Reply.of("unknown request " + request + " (expected \"next\", \"get\" or {step: n})", state);
    }

    @Override
    public State cast(Object message, State state) {
        if ("reset".equals(message)) {
            state.count = 0;
        }
        return state;
    }

    @Override
    public State codeChange(String fromVersion, OldState oldState, Object extra) {
        State state = oldState.as(State.class);
        if (extra instanceof Map<?, ?> m && m.get("step") instanceof Number step) {
            state.step = step.longValue();
        } else if (state.step == 0) {
            state.step = 1;
        }
        return state;
    }
}
