package dev.hotrel.handler;

import dev.hotrel.config.Config;
import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.Preload;
import dev.hotrel.runtime.RuntimeVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.function.Function;
import java.util.jar.JarOutputStream;

/**
 * The node's practice ({@link ReleaseHandler#practise}): once a node is assembled, a background
 * thread installs a private release up and down a few hundred times on a private node
 * ({@link Node#startDetached}), dressed as the real one is (its management surface on a private
 * MBeanServer, say), in a temporary folder; then closes that node and deletes the folder. Every
 * install runs the code a real one runs (manifests read, a loader per version, planner, rehearsal,
 * suspension, state conversion through the neutral tree, purge, the listeners), so the first real
 * install finds that code loaded, linked and partly compiled, as OTP's embedded mode finds its
 * modules loaded at boot. Without it the first install of a fresh JVM cost some ten times a later
 * one, most of it inside or around the pause (issue 11).
 *
 * <p>Nothing of it is visible to the node or its operator: its applications, servers, events and
 * audit log are the private node's and the private root's. Its classes ({@code dev.hotrel.practice})
 * are written into the practice's own jars and loaded by the practice's application loaders only.
 * A real operation does not wait for it: an install {@linkplain #cancel cancels} the rest of it.
 * Best effort: a practice that fails (say, no temporary folder) costs only the first install's speed,
 * and is logged once.
 */
final class Practice {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.practice");
    static final String NAME = "hotrel-practice";
    /** Of the temporary folder: {@code hotrel-practice-PID-RANDOM} (the pid tells a folder left by a killed JVM). */
    private static final String PREFIX = "hotrel-practice-";
    private static final String PACKAGE = "dev.hotrel.practice.";
    private static final List<String> CLASSES = List.of("PracticeApp", "PracticeServer", "PracticeState");
    private static final String JAR = "practice.jar";
    private static final Version FIRST = Version.parse("1.0.0");
    private static final Version SECOND = Version.parse("1.0.1");
    /**
     * Installs in all, up and down alternately. The first {@value #LINKING} load and link the install
     * path; the rest are for the JIT. A JVM compiles a method after some 200 calls (C1's threshold),
     * and an install calls most of its methods once: after 20 installs a warm one ran interpreted at
     * about 3.6 ms, after 300 compiled at about 2 ms (bench {@code warm}, this machine). About 2.5 s of
     * one core, once; an operator who minds sets {@code practice=false}.
     */
    static final int INSTALLS = 320;
    /** Installs run right after boot: those that load and link the code a first install runs. */
    static final int LINKING = 3;
    /**
     * The pause between the linking installs and the rest: a node just started is busy taking up its
     * traffic and compiling that traffic's paths, and the installs for the JIT can wait until then.
     */
    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Wall time after which each run of installs (the linking ones, the JIT's) stops however far it got (a slow or busy machine). */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** No practice (not started, or the node is configured without one): done at once, with nothing. */
    static final Practice NONE = new Practice(null);

    private final CompletableFuture<Duration> done = new CompletableFuture<>();
    private final Function<ReleaseHandler, AutoCloseable> dressing;
    /** Counted down by a real operation: ends the practice after its step, or its pause at once. */
    private final java.util.concurrent.CountDownLatch cancel = new java.util.concurrent.CountDownLatch(1);

    private Practice(Function<ReleaseHandler, AutoCloseable> dressing) {
        this.dressing = dressing;
        if (dressing == null) {
            done.complete(null);
        }
    }

    /** Starts the practice on a daemon thread of its own; returns at once. See {@link ReleaseHandler#practise}. */
    static Practice start(Function<ReleaseHandler, AutoCloseable> dressing) {
        Practice practice = new Practice(java.util.Objects.requireNonNull(dressing, "dressing"));
        Thread thread = new Thread(practice::run, "hotrel-practice");
        thread.setDaemon(true);
        thread.start();
        return practice;
    }

    /** Stops the practice after the step it is in (a real operation has begun); never waits. */
    void cancel() {
        cancel.countDown();
    }

    private boolean cancelled() {
        return cancel.getCount() == 0;
    }

    /** Waits for the practice to end: how long it took, or empty if it did not run, failed or was cancelled. */
    Optional<Duration> await() {
        return Optional.ofNullable(done.join());
    }

    private void run() {
        Preload.await(); // after the node's own classes: not a race with them for the CPU
        long started = System.nanoTime();
        Path dir = null;
        Duration took = null;
        Thread cleanUp = null;
        try {
            sweep();
            dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
            Path made = dir;
            Node node = Node.startDetached();
            // A JVM stopped while it practises closes the practice node too. Left open, its threads kept the JVM's exit
            // waiting some 300 ms (bench restart: SIGTERM to exit 350-430 ms, against 30-50 ms without the practice).
            cleanUp = new Thread(() -> {
                node.close();
                deleteQuietly(made);
            }, "hotrel-practice-cleanup");
            long paused = 0;
            try {
                Runtime.getRuntime().addShutdownHook(cleanUp);
                ReleaseHandler handler = ReleaseHandler.boot(node, layOut(dir), NO_ARCHIVES, Config.of(Map.of()));
                try (AutoCloseable dressed = dressing.apply(handler)) {
                    installUpAndDown(handler, node, 0, LINKING, System.nanoTime() + BUDGET_NANOS);
                    long pauseStart = System.nanoTime();
                    if (!cancel.await(PAUSE_NANOS, TimeUnit.NANOSECONDS)) { // at once if cancelled already
                        paused = System.nanoTime() - pauseStart;
                        installUpAndDown(handler, node, LINKING, INSTALLS, System.nanoTime() + BUDGET_NANOS);
                    }
                }
            } finally {
                node.close();
            }
            took = cancelled() ? null : Duration.ofNanos(System.nanoTime() - started - paused);
            Duration practised = took;
            LOG.log(System.Logger.Level.DEBUG, () -> practised == null ? "practice install cancelled by a real operation"
                    : "practised installs for " + practised.toMillis() + " ms (and paused " + TimeUnit.NANOSECONDS.toMillis(PAUSE_NANOS)
                    + " ms after the first " + LINKING + ")");
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "the node's practice install after boot failed (" + e
                    + "); nothing changes but the speed of the first install");
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
            if (cleanUp != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanUp);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs, or ran, anyway
                }
            }
            done.complete(took);
        }
    }

    /** Installs {@code from} to {@code to} (exclusive) of the up-and-down sequence, until cancelled or {@code deadline} (nanoTime). */
    private void installUpAndDown(ReleaseHandler handler, Node node, int from, int to, long deadline) {
        for (int i = from; i < to && !cancelled() && System.nanoTime() - deadline < 0; i++) {
            handler.installRelease((i % 2 == 0 ? SECOND : FIRST).toString());
            node.call("practice", "bump", 5, TimeUnit.SECONDS);
            handler.awaitWayBack(); // as an operator's installs find theirs: prepared in the background
        }
    }

    /** Deletes the folders of practices whose JVM is gone (killed while practising): their names carry its pid. */
    private static void sweep() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.util.stream.Stream<Path> all = Files.list(tmp)) {
            all.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(p -> {
                String rest = p.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        return;
                    }
                } catch (NumberFormatException e) {
                    return; // not one of ours
                }
                deleteQuietly(p);
            });
        } catch (IOException | RuntimeException e) {
            // best effort: the next practice tries again
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                ReleaseRoot.deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "cannot delete the practice folder " + dir + ": " + e.getMessage());
        }
    }

    /** A root whose permanent release is 1.0.0 and which has 1.0.1 unpacked, with its relup both ways. */
    private static ReleaseRoot layOut(Path dir) throws IOException {
        ReleaseRoot root = ReleaseRoot.at(dir);
        root.createLayout();
        byte[] jar = jar();
        for (Version version : List.of(FIRST, SECOND)) {
            AppRef app = new AppRef(NAME, version);
            Path appDir = Files.createDirectories(root.appDir(app));
            Files.write(appDir.resolve(JAR), jar);
            Manifests.write(new AppSpec(NAME, version, "The node's practice install (see Practice).", PACKAGE + "PracticeApp",
                    Map.of("practice", PACKAGE + "PracticeServer"), List.of(), List.of(JAR)), appDir.resolve(Manifests.APP));
            Path releaseDir = Files.createDirectories(root.releaseDir(version));
            Manifests.write(release(version), releaseDir.resolve(Manifests.RELEASE));
        }
        List<Instruction> update = List.of(Instruction.Update.of("practice"));
        Manifests.write(new Relup(SECOND,
                List.of(new RelupPlan(FIRST, fingerprint(FIRST), List.of(new RelupStep.ChangeApplication(NAME, FIRST, SECOND, update)))),
                List.of(new RelupPlan(FIRST, fingerprint(FIRST), List.of(new RelupStep.ChangeApplication(NAME, SECOND, FIRST, update))))),
                root.releaseDir(SECOND).resolve(Manifests.RELUP));
        root.writeReleases(new Releases(List.of(ReleaseEntry.of(release(SECOND), ReleaseStatus.UNPACKED),
                ReleaseEntry.of(release(FIRST), ReleaseStatus.PERMANENT))));
        return root;
    }

    private static Release release(Version version) {
        return new Release(NAME, version, RuntimeVersion.CURRENT, List.of(new AppRef(NAME, version)), fingerprint(version));
    }

    private static String fingerprint(Version version) {
        byte[] sha = ArchiveDigest.sha256().digest((NAME + "-" + version).getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(sha);
    }

    /** The practice application's classes, as the runtime's jar holds them, in a jar of their own. */
    private static byte[] jar() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (String name : CLASSES) {
                String path = (PACKAGE + name).replace('.', '/') + ".class";
                try (InputStream in = Practice.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IOException("the runtime lacks " + path);
                    }
                    out.putNextEntry(new JarEntry(path));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** The practice unpacks nothing: its releases are laid out in place. */
    private static final ReleaseArchives NO_ARCHIVES = new ReleaseArchives() {
        @Override
        public ReleaseEntry unpack(Path archive, ReleaseRoot root) {
            throw new UnsupportedOperationException("the practice node unpacks nothing");
        }

        @Override
        public List<String> verify(ReleaseRoot root, Version version) {
            return List.of();
        }
    };
}
