package dev.hotrel.runtime;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps a fixture counter busy with one message for exactly as long as a test needs, instead of a
 * sleep of a guessed length: the counter, called with {@link #request()}, says it has {@link
 * #awaitEntered() entered} and then waits until the test {@link #open()}s the gate. The request
 * carries the two latches (JDK types, which cross an application boundary as they are).
 * {@link #close()} opens the gate, so a failing test does not leave a server blocked.
 */
public final class FixtureGate implements AutoCloseable {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    /** The call that blocks a counter at this gate; it answers "opened". */
    public Object request() {
        return List.of("block", entered, open);
    }

    /** Waits until a counter handles {@link #request()} (and is blocked in it). */
    public void awaitEntered() throws InterruptedException {
        assertTrue(entered.await(30, TimeUnit.SECONDS), "no counter took the blocking request within 30 s");
    }

    /** Lets the blocked counter finish its message. */
    public void open() {
        open.countDown();
    }

    @Override
    public void close() {
        open();
    }
}
