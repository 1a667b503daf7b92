package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppLoader;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.LeakReport;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.purge.PurgeRefusedException;
import dev.hotrel.runtime.server.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurgeTest {

    private TestNode t;

    @BeforeEach
    void start() {
        t = new TestNode();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void softPurgeRefusesWhileServersRunOldCodeAndChangesNothing() {
        RunningApplication app = t.startCounter("1.0.0", Map.of("servers", List.of("a", "b")));
        Hotrel.call("a", "set:3");
        AppVersion v10 = app.current();
        app.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");

        PurgeRefusedException e = assertThrows(PurgeRefusedException.class, () -> t.node.purge("counter", PurgeMode.SOFT));
        assertEquals("soft purge of counter@1.0.0 refused: server(s) a, b still run its code; nothing was changed "
                + "(move them, or purge brutally to restart them on current code)", e.getMessage());
        assertSame(v10, app.old());
        assertTrue(!v10.isRetired());
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertEquals(3L, Hotrel.call("a", "get"));
    }

    @Test
    void brutalPurgeRestartsOldCodeServersOnCurrentCodeAndTheOldLoaderIsCollected() {
        RunningApplication app = t.startCounter("1.0.0", Map.of("servers", List.of("a", "b"), "echo", true));
        Hotrel.call("a", "set:3");
        WeakReference<AppLoader> oldLoader = new WeakReference<>(app.current().loader());
        app.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");

        Purge.Result result = t.node.purge("counter", PurgeMode.BRUTAL);
        assertEquals("counter@1.0.0", result.purged());
        assertEquals(List.of("a", "b", "echo"), result.restarted());
        assertEquals("1.1.0", Hotrel.call("a", "version"));
        assertEquals(0L, Hotrel.call("a", "get"), "a restarted server starts from init");
        assertEquals(1, t.node.registry().lookup("a").restarts());
        assertNull(app.old());

        List<LeakReport> leaks = t.node.checkLoaders(10, TimeUnit.SECONDS);
        assertEquals(List.of(), leaks);
        assertNull(oldLoader.get(), "the purged loader was collected");
    }

    @Test
    void loaderIsCollectedAfterAStateMigrationAndPurge() throws Exception {
        RunningApplication app = t.startCounter("1.0.0", Map.of("echo", true));
        Hotrel.call("counter", "append:x");
        WeakReference<AppLoader> oldLoader = new WeakReference<>(app.current().loader());
        AppVersion v11 = t.load("counter", "1.1.0");
        app.switchTo(v11, "fixture.counter.CounterApp");
        for (ServerProcess s : app.servers()) {
            assertTrue(s.suspend(1, TimeUnit.SECONDS));
            s.changeCode(v11, s.code().callbackClass(), null);
            s.resume();
        }
        assertEquals(List.of("x"), Hotrel.call("counter", "history"));
        assertEquals("counter@1.0.0", t.node.purge("counter", PurgeMode.SOFT).purged());

        assertEquals(List.of(), t.node.checkLoaders(10, TimeUnit.SECONDS));
        assertNull(oldLoader.get(), "Jackson, the registry or a server still holds the old loader");
    }

    @Test
    void aServerThreadStartedFromInsideACallbackDoesNotPinTheOldLoader() {
        RunningApplication app = t.startCounter("1.0.0", Map.of("servers", List.of("a", "b")));
        // a's callback casts to b: the node's pool makes its first thread from inside a's callback.
        assertEquals("told", Hotrel.call("a", "tell:b"));
        TestNode.await("b to handle the cast", java.time.Duration.ofSeconds(5), () -> (Long) Hotrel.call("b", "get") == 1L);
        app.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");
        t.node.purge("counter", PurgeMode.BRUTAL);
        assertEquals(List.of(), t.node.checkLoaders(10, TimeUnit.SECONDS));
    }

    @Test
    void aThreadLocalLeftOnANodeThreadIsNamedAsTheSuspect() {
        RunningApplication app = t.startCounter("1.0.0", Map.of());
        String thread = (String) Hotrel.call("counter", "threadlocal");
        app.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");
        t.node.purge("counter", PurgeMode.BRUTAL);
        List<LeakReport> leaks = t.node.checkLoaders(500, TimeUnit.MILLISECONDS);
        assertEquals(1, leaks.size(), leaks.toString());
        assertTrue(leaks.get(0).suspects().contains("thread '" + thread + "' holds a ThreadLocal (java.lang.ThreadLocal) "
                + "whose value is a fixture.counter.CounterState of counter@1.0.0 (remove it in the code that set it, "
                + "or in terminate)"), leaks.get(0).suspects().toString());
    }

    @Test
    void retiredLoaderFailsLoudly() {
        RunningApplication app = t.startCounter("1.0.0", Map.of());
        AppVersion v10 = app.current();
        AppLoader loader = v10.loader();
        app.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");
        t.node.purge("counter", PurgeMode.BRUTAL);
        ClassNotFoundException e = assertThrows(ClassNotFoundException.class, () -> loader.loadClass("fixture.counter.Counter"));
        assertTrue(e.getMessage().contains("counter@1.0.0 was purged"), e.getMessage());
        IllegalStateException gone = assertThrows(IllegalStateException.class, v10::loader);
        assertEquals("counter@1.0.0 was purged; its code is gone", gone.getMessage());
    }

    @Test
    void aLeakedLoaderIsReportedWithTheThreadAndShutdownHookThatHoldIt() throws Exception {
        RunningApplication app = t.node.startApplication(t.load("leaky", "1.0.0"), "fixture.leaky.LeakyApp", Map.of());
        assertEquals("1.0.0", Hotrel.call("leaky", "any"));
        app.switchTo(t.load("leaky", "1.1.0"), "fixture.leaky.LeakyApp");
        t.node.purge("leaky", PurgeMode.BRUTAL);
        assertEquals("1.1.0", Hotrel.call("leaky", "any"));

        List<LeakReport> leaks = t.node.checkLoaders(500, TimeUnit.MILLISECONDS);
        assertEquals(1, leaks.size(), leaks.toString());
        LeakReport leak = leaks.get(0);
        assertEquals("leaky@1.0.0", leak.loader());
        assertTrue(leak.suspects().stream().anyMatch(s -> s.startsWith("thread 'leaky-thread' runs code of leaky@1.0.0")),
                leak.suspects().toString());
        assertTrue(leak.suspects().stream().anyMatch(s -> s.startsWith("shutdown hook 'leaky-hook'")),
                leak.suspects().toString());
        leak = null;
        leaks = null;

        // Fix the leak as an operator would (end the thread, drop the hook): now it is collected.
        Thread thread = findThread("leaky-thread");
        thread.interrupt();
        thread.join(5_000);
        thread = null;
        Runtime.getRuntime().removeShutdownHook(findHook("leaky-hook"));
        assertEquals(List.of(), t.node.checkLoaders(10, TimeUnit.SECONDS));
    }

    @Test
    void theWatchReportsALeakFromTheCollectionsTheJvmMakesAndForcesNone() throws Exception {
        java.util.concurrent.BlockingQueue<LeakReport> reported = new java.util.concurrent.LinkedBlockingQueue<>();
        t.node.loaders().onLeak(reported::add);
        RunningApplication clean = t.startCounter("1.0.0", Map.of());
        WeakReference<AppLoader> cleanLoader = new WeakReference<>(clean.current().loader());
        clean.switchTo(t.load("counter", "1.1.0"), "fixture.counter.CounterApp");
        t.node.purge("counter", PurgeMode.BRUTAL);
        RunningApplication leaky = t.node.startApplication(t.load("leaky", "1.0.0"), "fixture.leaky.LeakyApp", Map.of());
        leaky.switchTo(t.load("leaky", "1.1.0"), "fixture.leaky.LeakyApp");
        t.node.purge("leaky", PurgeMode.BRUTAL);

        assertNull(reported.poll(200, TimeUnit.MILLISECONDS), "nothing is judged before a collection could unload classes");
        assertEquals(List.of("counter@1.0.0", "leaky@1.0.0"), t.node.loaders().pending());

        // The test plays the JVM's own collections; the watch forces none.
        LeakReport leak = null;
        for (int i = 0; i < 100 && leak == null; i++) {
            System.gc();
            leak = reported.poll(100, TimeUnit.MILLISECONDS);
        }
        assertNotNull(leak, "the pinned loader was reported after the collections that could take it");
        assertEquals("leaky@1.0.0", leak.loader());
        assertTrue(leak.suspects().stream().anyMatch(s -> s.startsWith("thread 'leaky-thread' runs code of leaky@1.0.0")),
                leak.suspects().toString());
        assertNull(cleanLoader.get(), "the clean loader was collected by the same collections");
        assertEquals(List.of("leaky@1.0.0"), t.node.loaders().pending());
        System.gc();
        assertNull(reported.poll(300, TimeUnit.MILLISECONDS), "a leak is reported once");

        Thread thread = findThread("leaky-thread");
        thread.interrupt();
        thread.join(5_000);
        thread = null;
        Runtime.getRuntime().removeShutdownHook(findHook("leaky-hook"));
        assertEquals(List.of(), t.node.checkLoaders(10, TimeUnit.SECONDS));
    }

    private static Thread findThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Thread findHook(String name) throws ReflectiveOperationException {
        Class<?> c = Class.forName("java.lang.ApplicationShutdownHooks");
        Field f = c.getDeclaredField("hooks");
        f.setAccessible(true);
        synchronized (c) {
            Map<?, ?> hooks = (Map<?, ?>) f.get(null);
            Thread hook = hooks.keySet().stream().map(Thread.class::cast).filter(h -> h.getName().equals(name))
                    .findFirst().orElse(null);
            assertNotNull(hook, "hook " + name);
            return hook;
        }
    }
}
