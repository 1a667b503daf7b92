package dev.hotrel.bench;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.FixtureJars;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.CodeSwap;
import dev.hotrel.runtime.server.ServerProcess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pause a code change costs one server: suspend, move to the other version with
 * {@code codeChange} (the state converted across loaders by Jackson, {@code entries} strings in it),
 * undo, resume — against one call to the same idle server, measured in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CodeChangeBenchmark {

    @Param({"10", "1000"})
    int entries;

    Node node;
    ServerProcess server;
    AppVersion next;

    @Setup(Level.Trial)
    public void start() {
        node = Node.start();
        RunningApplication app = node.startApplication(
                node.load("counter", "1.0.0", List.of(FixtureJars.jar("counter", "1.0.0"))), "fixture.counter.CounterApp", Map.of());
        for (int i = 0; i < entries; i++) {
            Hotrel.call("counter", "append:entry-" + i);
        }
        next = node.load("counter", "1.1.0", List.of(FixtureJars.jar("counter", "1.1.0")));
        app.switchTo(next, "fixture.counter.CounterApp");
        server = node.registry().lookup("counter");
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    @Benchmark
    public Object idleCall() {
        return Hotrel.call("counter", "get");
    }

    @Benchmark
    public CodeSwap suspendMigrateUndoResume() {
        server.suspend(1, TimeUnit.SECONDS);
        CodeSwap swap = server.changeCode(next, "fixture.counter.Counter", null);
        server.revert(swap);
        server.resume();
        return swap;
    }
}
