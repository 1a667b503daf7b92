package dev.hotrel.runtime;

import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;


/** A real node for tests, with the fixture applications at hand. */
final class TestNode implements AutoCloseable {

    final Node node = Node.start();

    AppVersion load(String app, String version) {
        return node.load(app, version, List.of(FixtureJars.jar(app, version)));
    }

    RunningApplication startCounter(String version, Map<String, Object> config) {
        return node.startApplication(load("counter", version), "fixture.counter.CounterApp", config);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        TestWaits.await(what, timeout, condition);
    }

    @Override
    public void close() {
        node.close();
    }
}
