package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.app.RunningApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's practice after boot ({@link ReleaseHandler#practise}): real installs on a private node
 * in a temporary folder, invisible to the node and its root, never in the way of a real install.
 */
class PracticeTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void thePracticeInstallsUpDownAndUpOnAPrivateNodeAndLeavesNothingBehind() throws Exception {
        t = HandlerTestNode.create(dir);
        Hotrel.call("counter", "set:7");
        Map<String, Long> rootBefore = files(t.root.dir());
        Set<String> tmpBefore = practiceFolders();
        List<String> realEvents = new CopyOnWriteArrayList<>();
        t.handler.addListener(new HandlerListener() {
            @Override
            public void installStarted(String from, String to) {
                realEvents.add(from + " -> " + to);
            }
        });
        List<String> practised = new CopyOnWriteArrayList<>();
        AtomicBoolean undressed = new AtomicBoolean();

        t.handler.practise(practice -> {
            assertNotSame(t.handler, practice);
            assertNotSame(t.node, practice.node());
            practice.addListener(new HandlerListener() {
                @Override
                public void installed(InstallReport report) {
                    practised.add(report.to() + " " + report.moved());
                }
            });
            return () -> undressed.set(true);
        });
        Optional<Duration> took = t.handler.awaitPractice();

        assertTrue(took.isPresent(), "the practice ran to its end");
        List<String> upAndDown = java.util.stream.IntStream.range(0, Practice.INSTALLS)
                .mapToObj(i -> "hotrel-practice-1.0." + (i % 2 == 0 ? 1 : 0) + " [hotrel-practice/practice]").toList();
        assertEquals(upAndDown, practised, "real installs up and down, each moving the practice server");
        assertTrue(undressed.get(), "what the dressing opened was closed");
        assertEquals(List.of(), realEvents, "the node's own listeners heard nothing");
        assertEquals(List.of("counter", "greeter"), t.node.applications().stream().map(RunningApplication::name).sorted().toList());
        assertEquals(7L, Hotrel.call("counter", "get"), "the node's facade still reaches the node's own servers");
        assertEquals(rootBefore, files(t.root.dir()), "the release root is unchanged, audit log included");
        assertEquals(tmpBefore, practiceFolders(), "the practice's temporary folder was deleted");

        t.handler.practise(practice -> {
            throw new AssertionError("a node practises once");
        });
        assertEquals(took, t.handler.awaitPractice());
    }

    @Test
    void aRealInstallDoesNotWaitForThePracticeAndCutsItShort() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        CountDownLatch dressed = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        List<String> practised = new CopyOnWriteArrayList<>();
        Set<String> tmpBefore = practiceFolders();
        t.handler.practise(practice -> {
            practice.addListener(new HandlerListener() {
                @Override
                public void installed(InstallReport report) {
                    practised.add(report.to());
                }
            });
            dressed.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return () -> { };
        });
        assertTrue(dressed.await(30, TimeUnit.SECONDS), "the practice began");

        InstallReport report = t.handler.installRelease("1.1.0"); // the practice is held in its dressing meanwhile
        go.countDown();

        assertEquals(List.of("counter/counter"), report.moved());
        assertEquals(Optional.empty(), t.handler.awaitPractice(), "cut short: no time reported");
        assertEquals(List.of(), practised, "the practice installed nothing after the real install began");
        assertEquals(tmpBefore, practiceFolders(), "its folder was deleted all the same");
    }

    @Test
    void aRealInstallDuringThePauseEndsThePracticeAtOnce() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        CountDownLatch linked = new CountDownLatch(Practice.LINKING);
        List<String> practised = new CopyOnWriteArrayList<>();
        t.handler.practise(practice -> {
            practice.addListener(new HandlerListener() {
                @Override
                public void installed(InstallReport report) {
                    practised.add(report.to());
                    linked.countDown();
                }
            });
            return () -> { };
        });
        assertTrue(linked.await(30, TimeUnit.SECONDS), "the linking installs ran");
        Thread.sleep(1_000); // into the pause (it begins a few ms after the third install)

        InstallReport report = t.handler.installRelease("1.1.0");
        long cancelledAt = System.nanoTime();
        assertEquals(Optional.empty(), t.handler.awaitPractice(), "cut short in its pause: no time reported");
        long ended = System.nanoTime() - cancelledAt;

        assertEquals(List.of("counter/counter"), report.moved());
        assertEquals(Practice.LINKING, practised.size(), "nothing installed after the pause: " + practised);
        assertTrue(ended < TimeUnit.SECONDS.toNanos(2), "the pause ended with the real install, not some 4 s later: "
                + TimeUnit.NANOSECONDS.toMillis(ended) + " ms");
    }

    @Test
    void aFailedPracticeCostsNothingButItself() throws Exception {
        t = HandlerTestNode.create(dir);
        Set<String> tmpBefore = practiceFolders();
        t.handler.practise(practice -> {
            throw new IllegalStateException("no management for the practice today");
        });
        assertEquals(Optional.empty(), t.handler.awaitPractice());
        assertEquals(tmpBefore, practiceFolders());
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        assertEquals(List.of("counter/counter"), t.handler.installRelease("1.1.0").moved());
    }

    @Test
    void theFolderOfAPracticeWhoseJvmIsGoneIsDeletedByTheNextOne() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path left = Files.createDirectories(tmp.resolve("hotrel-practice-" + gone.pid() + "-12345/lib"));
        Path alive = Files.createDirectories(tmp.resolve("hotrel-practice-" + ProcessHandle.current().pid() + "-kept"));
        try {
            t = HandlerTestNode.create(dir);
            t.handler.practise(practice -> () -> { });
            assertTrue(t.handler.awaitPractice().isPresent());
            assertFalse(Files.exists(left.getParent()), "left by a JVM that is gone: deleted");
            assertTrue(Files.exists(alive), "its JVM runs (this one): kept");
        } finally {
            ReleaseRoot.deleteTree(alive);
        }
    }

    @Test
    void aNodeConfiguredWithoutPracticeDoesNotPractise() throws Exception {
        t = HandlerTestNode.create(dir);
        t.close();
        t.settings = Map.of(ConfigKey.PRACTICE, "false");
        t.boot();
        AtomicBoolean dressed = new AtomicBoolean();
        t.handler.practise(practice -> {
            dressed.set(true);
            return () -> { };
        });
        assertEquals(Optional.empty(), t.handler.awaitPractice());
        assertFalse(dressed.get());
    }

    /** Every file under {@code root} with its size (the lock file aside). */
    private static Map<String, Long> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> p.toFile().length(), (a, b) -> a, TreeMap::new));
        }
    }

    /** The practice folders of this JVM in the temporary folder. */
    private static Set<String> practiceFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hotrel-practice-" + ProcessHandle.current().pid() + "-")).collect(Collectors.toSet());
        }
    }
}
