package ${package};

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.util.concurrent.TimeUnit;

/**
 * A server: the node owns its mailbox, its loop and its state, so a release can change its code
 * between two messages while it keeps its state. It counts what it is called with, and ticks
 * every second. Try it: Hotrel.call("counter", 5) answers the new total.
 */
public final class Counter implements Server<Counter.State> {

    /** The state: plain fields, so that a newer version receives it by field names. */
    public static final class State {
        public long startedAt;
        public long total;
        public long ticks;
    }

    @Override
    public State init(Object arg) {
        State state = new State();
        state.startedAt = System.currentTimeMillis();
        tick();
        return state;
    }

    @Override
    public Reply<State> call(Object request, State state) {
        if (request instanceof Number n) {
            state.total += n.longValue();
        }
        return Reply.of(state.total, state);
    }

    @Override
    public State info(Object message, State state) {
        if ("tick".equals(message)) {
            state.ticks++;
            tick();
        }
        return state;
    }

    private static void tick() {
        Hotrel.sendAfter(1, TimeUnit.SECONDS, "tick");
    }
}
