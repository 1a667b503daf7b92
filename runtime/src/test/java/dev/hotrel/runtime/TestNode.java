package dev.hotrel.runtime;

import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** A real node for tests, with the fixture applications at hand. */
final class TestNode implements AutoCloseable {

    final Node node = Node.start();

    AppVersion load(String app, String version) {
        return node.load(app, version, List.of(FixtureJars.jar(app, version)));
    }

    RunningApplication startCounter(String version, Map<String, Object> config) {
        return node.startApplication(load("counter", version), "fixture.counter.CounterApp", config);
    }

    /**
     * Waits for a condition that another thread makes true (a supervisor restart, say), failing
     * after {@code timeout}. Polls; used only where no event exists to wait on.
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
