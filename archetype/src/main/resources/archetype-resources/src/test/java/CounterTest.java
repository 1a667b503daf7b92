package ${package};

import dev.hotrel.api.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A server's callback is plain code: its behaviour is tested without a node. */
class CounterTest {

    @Test
    void callsAddToTheTotalAndAnswerIt() {
        Counter counter = new Counter();
        Counter.State state = new Counter.State();
        Reply<Counter.State> reply = counter.call(5, state);
        reply = counter.call(2, reply.state());
        assertEquals(7L, reply.value());
        assertEquals(7L, reply.state().total);
    }

    @Test
    void ticksCount() {
        Counter.State state = new Counter().info("not a tick", new Counter.State());
        assertEquals(0, state.ticks);
    }
}
