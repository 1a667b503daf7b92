package dev.hotrel.examples.counter;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

/**
 * A counter, version 1.0.0: {@code "next"} counts one up and answers the new count, {@code "get"}
 * answers the count, a cast of {@code "reset"} sets it back to zero.
 */
public final class Counter implements Server<Counter.State> {

    /** What survives a code change: the count. */
    public static final class State {
        public long count;
    }

    @Override
    public State init(Object arg) {
        return new State();
    }

    @Override
    public Reply<State> call(Object request, State state) {
        if ("next".equals(request)) {
            state.count++;
            return Reply.of(state.count, state);
        }
        if ("get".equals(request)) {
            return Reply.of(state.count, state);
        }
        return Reply.of("unknown request " + request + " (expected \"next\" or \"get\")", state);
    }

    @Override
    public State cast(Object message, State state) {
        if ("reset".equals(message)) {
            state.count = 0;
        }
        return state;
    }
}
