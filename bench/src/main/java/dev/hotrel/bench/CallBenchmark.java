package dev.hotrel.bench;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;
import dev.hotrel.runtime.FixtureJars;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a call to a server costs against calling its callback directly (the baseline, measured in
 * the same run): the fixture counter's {@code next}, loaded from its real jar by its own
 * classloader either way.
 *
 * <ul>
 *   <li>{@link #directCallback}: the callback's {@code call} on a state held by the benchmark;</li>
 *   <li>{@link #idleServer}: {@code Hotrel.call} from one thread to an idle server: handed to a
 *       node thread (application code never runs on a caller's thread), whose drain lingers for the
 *       next call while the caller spins briefly for its reply;</li>
 *   <li>{@link Contended#contendedServer}: four threads calling the one server.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CallBenchmark {

    Node node;
    Server<Object> callback;
    Object state;

    @Setup(Level.Trial)
    public void start() {
        node = Node.start();
        AppVersion v = node.load("counter", "1.0.0", List.of(FixtureJars.jar("counter", "1.0.0")));
        node.startApplication(v, "fixture.counter.CounterApp", Map.of());
        AppVersion direct = node.load("counter", "1.0.0", List.of(FixtureJars.jar("counter", "1.0.0")));
        callback = direct.newServer("fixture.counter.Counter");
        state = callback.init("direct");
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    @Benchmark
    public Object directCallback() {
        Reply<Object> r = callback.call("next", state);
        state = r.state();
        return r.value();
    }

    @Benchmark
    public Object idleServer() {
        return Hotrel.call("counter", "next");
    }

    /** Four callers on one server. */
    public static class Contended extends CallBenchmark {
        @Benchmark
        @Threads(4)
        public Object contendedServer() {
            return Hotrel.call("counter", "next");
        }
    }
}
