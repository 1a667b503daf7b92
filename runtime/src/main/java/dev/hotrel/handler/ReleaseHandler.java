package dev.hotrel.handler;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.handler.exec.InstallFailedException;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.handler.exec.PlanExecutor;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.purge.LeakReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hotrel's release handler: OTP's {@code release_handler} for a JVM node. The transport-free
 * entry point every adapter calls; the call chain is
 * {@code MBean or CLI → ReleaseHandler → (Preparation → Planner) → PlanExecutor → Node}; single
 * applications and servers go {@code MBean → ApplicationControl or ServerControl → Node}, under the
 * same lifecycle. Management reads the node directly, but changes nothing on it except through these.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Lifecycle operations (unpack, install, rollback, make permanent, remove) are serialized:
 *       one that arrives while another runs fails at once with {@link Reason#BUSY} naming it.
 *       Reads (releases, current, permanent, check, verify) never wait.</li>
 *   <li>An install that fails before its commit is undone in this process, and the release stays
 *       {@code unpacked}; see {@link PlanExecutor}.</li>
 *   <li>{@code current} is never written to {@code RELEASES.json}: a node restarted before
 *       {@link #makePermanent} boots its permanent release.</li>
 *   <li>{@code makePermanent} never stops or kills anything.</li>
 *   <li>A release whose plan ends in {@code restartNode} is not switched in place: it is marked to
 *       boot on the next start, once, as a trial; the node then restarts by its {@link NodeRestart}
 *       and refuses every lifecycle operation until it has ({@link #installRelease}).</li>
 *   <li>Every lifecycle operation appends one line to the root's {@code audit.log}.</li>
 *   <li>A release with a health gate ({@code health} in its {@code release.json}) is on trial once
 *       {@link #installRelease} has installed it in place: the node probes it and then keeps it
 *       (made permanent if the gate asks) or installs back the release it came from, by itself;
 *       see {@link HealthTrials} for what operators' operations do meanwhile.</li>
 * </ul>
 */
public final class ReleaseHandler {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.handler");
    private static final String VERSION = "version (a release version, e.g. 1.1.0)";

    private final Node node;
    private final ReleaseRoot root;
    private final RootFiles files;
    private final ReleaseArchives archives;
    private final Config config;
    private final Lifecycle lifecycle;
    private final ApplicationControl applications;
    private final ServerControl servers;
    private final Inbox inbox;
    private final HealthTrials trials;
    private final List<HandlerListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Releases releases;
    private volatile StepListener faults = StepListener.NONE;
    private volatile NodeRestart restarter = NodeRestart.NONE;
    private volatile PendingRestart pendingRestart;
    private volatile Practice practice = Practice.NONE;
    private final PreparedInstalls ready;

    private ReleaseHandler(Node node, ReleaseRoot root, ReleaseArchives archives, Config config, Releases releases) {
        this.node = node;
        this.root = root;
        this.files = new RootFiles(root);
        this.archives = archives;
        this.config = config;
        this.lifecycle = new Lifecycle(new AuditLog(root.dir().resolve("audit.log")), node::settleEvents);
        this.applications = new ApplicationControl(node, files, lifecycle, this::current);
        this.servers = new ServerControl(node, lifecycle, config.getLong(ConfigKey.SUSPEND_TIMEOUT));
        this.inbox = new Inbox(root.inbox(), config.getLong(ConfigKey.MAX_UPLOAD_SIZE), lifecycle);
        this.releases = releases;
        this.ready = new PreparedInstalls(node, files, config.getLong(ConfigKey.SUSPEND_TIMEOUT));
        this.trials = new HealthTrials(node, lifecycle, new HealthTrials.Moves() {
            @Override
            public void installBack(Version version) throws IOException {
                onNodeThread(() -> install(find(version.toString())));
            }

            @Override
            public void makePermanent(Version version) throws IOException {
                permanent(version.toString());
            }
        }, status -> tell(l -> l.healthGate(status)));
        // Leaks are found as the JVM collects on its own: no install forces a collection.
        node.loaders().onLeak(r -> tell(l -> l.leakedLoader(r)));
    }

    /**
     * Boots a node on its release root: the release marked to boot next (once) if any, else the
     * permanent release. A marked release that fails to boot falls back to the permanent one.
     *
     * @throws IOException if the root cannot be read
     * @throws IllegalStateException if the root has no permanent release, or it does not start
     */
    public static ReleaseHandler boot(Node node, ReleaseRoot root, ReleaseArchives archives, Config config) throws IOException {
        dev.hotrel.runtime.Preload.start();
        Releases known = root.readReleases();
        Boot.cleanUp(root);
        ReleaseEntry permanent = known.permanent().orElseThrow(() -> new IllegalStateException(
                "release root " + root.dir() + " has no permanent release: create it with 'hotrel init --root DIR ARCHIVE'"));
        ReleaseHandler handler = new ReleaseHandler(node, root, archives, config, known);
        RootFiles files = handler.files;
        String next = Boot.takeNext(root).orElse(null);
        if (next != null && !next.equals(permanent.version().toString())) {
            String marked = next;
            try {
                ReleaseEntry trial = known.find(Version.parse(next)).orElseThrow(() ->
                        new IllegalStateException("release " + next + " is not in the root any more"));
                marked = trial.id();
                Boot.start(node, files, trial);
                handler.releases = known.replace(trial.withStatus(ReleaseStatus.CURRENT));
                handler.lifecycle.record("boot", trial.id(), "ok (trial, not permanent)");
                return handler;
            } catch (RuntimeException | IOException e) {
                LOG.log(System.Logger.Level.ERROR, "booting " + next + " failed (" + e.getMessage()
                        + "); booting the permanent release " + permanent.id());
                handler.lifecycle.record("boot", marked, "failed: " + e.getMessage());
            }
        }
        Boot.start(node, files, permanent);
        handler.lifecycle.record("boot", permanent.id(), "ok");
        return handler;
    }

    // ---- reads ------------------------------------------------------------------------------

    /**
     * Starts the node's practice in the background, once, unless the {@code practice} setting is
     * off: a private release installed up and down a few hundred times on a private node, so that
     * real installs run loaded, linked and compiled code ({@link Practice}). Call it once the node is assembled.
     *
     * @param dressing gives the practice's private handler what the assembled node has beside its
     *                 handler (the management surface on a private MBeanServer, a console log to
     *                 nowhere), so that their code is warmed too; returns what to close after
     */
    public synchronized void practise(java.util.function.Function<ReleaseHandler, AutoCloseable> dressing) {
        if (practice == Practice.NONE && config.getBoolean(ConfigKey.PRACTICE)) {
            practice = Practice.start(dressing);
        }
    }

    /**
     * Waits until the practice ({@link #practise}) has ended: how long it took, or empty if it did
     * not run, failed or was cut short by a real install. For measurements of a booted node's first
     * install.
     */
    public Optional<Duration> awaitPractice() {
        return practice.await();
    }

    public Node node() {
        return node;
    }

    public ReleaseRoot root() {
        return root;
    }

    /** Start, stop, restart and purge of single applications. */
    public ApplicationControl applications() {
        return applications;
    }

    /** Suspend, resume and state of single servers. */
    public ServerControl servers() {
        return servers;
    }

    /** Where uploads of archives land. */
    public Inbox inbox() {
        return inbox;
    }

    /** Every release the node knows, newest first, with its status ({@code current} in memory only). */
    public List<ReleaseEntry> whichReleases() {
        return releases.releases();
    }

    /** The release running now. */
    public ReleaseEntry current() {
        return releases.running().orElseThrow();
    }

    public ReleaseEntry permanent() {
        return releases.permanent().orElseThrow();
    }

    /**
     * The release the next start of the node boots: the one an install marked because it asked for
     * a node restart (booted once, as a trial), else the permanent one. Reads the mark on disk, so
     * it says what a start would find. A marked release that then fails to boot gives way to the
     * permanent one.
     */
    public ReleaseEntry nextBoot() {
        return Boot.next(root, releases);
    }

    /** The node restart an installed release asked for, while the node has not restarted yet. */
    public Optional<PendingRestart> pendingRestart() {
        return Optional.ofNullable(pendingRestart);
    }

    /** The last health gate's state: the release on trial, its passes, its verdict and why. */
    public GateStatus healthGate() {
        return trials.status();
    }

    /** What runs now, as {@code "installing demo-1.1.0"}, or null when idle. */
    public String busy() {
        return lifecycle.operation();
    }

    /** The last lifecycle operation and its outcome, in words. */
    public String lastOperation() {
        return lifecycle.last();
    }

    /**
     * Who asks, for the audit log: called on the thread of each lifecycle operation's caller as it
     * begins (the management layer names the authenticated user). Default: {@code local}.
     */
    public void setCaller(java.util.function.Supplier<String> who) {
        lifecycle.setCaller(who);
    }

    public void addListener(HandlerListener listener) {
        listeners.add(listener);
    }

    /**
     * Calls {@code hook} before each step of every install; a hook that throws fails that step, and
     * the install is rolled back like after any other failure. For failure-injection tests and
     * rollback drills.
     */
    public void setFaultInjector(StepListener hook) {
        faults = hook == null ? StepListener.NONE : hook;
    }

    /**
     * How this node restarts when an installed release asks for it; {@link NodeRestart#NONE} (the
     * default) leaves the restart to whoever runs the node. Set once, before the node is managed.
     */
    public void setNodeRestart(NodeRestart restart) {
        restarter = restart == null ? NodeRestart.NONE : restart;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /**
     * Verifies and unpacks an archive from the root's inbox; records the release as unpacked.
     * Idempotent for a release already unpacked.
     *
     * @param archive a file name, or a path, inside the root's {@code inbox/}
     * @return the unpacked release's version
     */
    public String unpackRelease(String archive) {
        Echo.check(archive, "archive (a file name in the inbox, e.g. demo-1.1.0.tar.gz)");
        return lifecycle.run("unpacking " + archive, "unpack", () -> {
            Path inbox = root.inbox().toAbsolutePath().normalize();
            Path file = inbox.resolve(archive).normalize();
            if (!file.startsWith(inbox) || !Files.isRegularFile(file)) {
                throw new HandlerException(Reason.NOT_IN_INBOX, Echo.quote(archive), inbox);
            }
            String sha256 = ArchiveDigest.of(file);
            lifecycle.archive(sha256);
            ReleaseEntry release;
            files.forget();
            try {
                release = archives.unpack(file, root);
            } catch (IllegalArgumentException e) {
                throw new HandlerException(Reason.BAD_ARCHIVE, e, file.getFileName(), e.getMessage());
            }
            ArchiveDigest.remember(root, release.version(), sha256, file.getFileName().toString());
            files.forget();
            refresh();
            tell(l -> l.unpacked(release.id()));
            return release.version().toString();
        });
    }

    /**
     * A dry run of {@link #installRelease}: the plan from the running release and every problem,
     * with the new code loaded and checked (kept for the install that follows). Changes nothing
     * else.
     */
    public CheckReport checkInstallRelease(String version) {
        Echo.check(version, VERSION, Echo.MAX_VERSION);
        return lifecycle.run("checking " + version, null, () -> {
            ReleaseEntry target = find(version);
            ReleaseEntry running = current();
            if (target.version().equals(running.version())) {
                throw new HandlerException(Reason.ALREADY_RUNNING, target.id());
            }
            Preparation p = onNodeThread(() -> ready.prepare(running, target));
            return new CheckReport(running.id(), target.id(), p.plan().downgrade(), p.plan().describe(), p.problems(),
                    p.plan().restartNode(), p.conversions());
        });
    }

    /**
     * Moves the node to release {@code version}, upgrade or downgrade, in place. Callers of moved
     * servers wait (their messages queue) and are served after the switch. Blocks until done.
     *
     * <p>A release whose plan ends in {@code restartNode} (OTP's {@code restart_emulator}, the
     * reboot at the end of a relup) is not switched in place: it is marked to boot on the next start, once, as a trial, and the
     * report's only warning is {@link PendingRestart#message()}. With a {@link NodeRestart} the node
     * then restarts: every later lifecycle operation is refused as busy, and the restart begins
     * once this one has returned.
     *
     * <p>Failures after the commit do not undo the install: they are the report's warnings. An
     * application of the release that does not run once the plan has run (its restart after the
     * commit failed) is named in {@link InstallReport#notRunning()} with a warning that says what to
     * do; until it runs, {@link #makePermanent} refuses the release.
     *
     * <p>A release with a health gate is on trial once this returns ({@link #healthGate()}): see
     * {@link HealthTrials}. Refused with ON_TRIAL while another release is on trial.
     *
     * @throws HandlerException INSTALL_FAILED when a step failed and everything was undone (the
     *         release stays unpacked), or a sender's-fault reason when nothing was tried
     */
    public InstallReport installRelease(String version) {
        Echo.check(version, VERSION, Echo.MAX_VERSION);
        return lifecycle.run("installing " + version, "install", () -> {
            trials.refuseInstall(version);
            ReleaseEntry from = current();
            ReleaseEntry target = target(version);
            InstallReport report = onNodeThread(() -> install(target));
            boolean restarting = pendingRestart != null && pendingRestart.to().equals(target.id());
            var gate = files.release(target.version()).healthGate();
            if (gate.isPresent() && !restarting) {
                trials.begin(gate.get(), current(), from);
            }
            return report;
        });
    }

    /** Goes back to the permanent release, in place (a downgrade or upgrade to it). */
    public InstallReport rollback() {
        return lifecycle.run("rolling back", "rollback", () -> {
            ReleaseEntry permanent = permanent();
            lifecycle.archive(files.archiveDigest(permanent.version()).orElse(null));
            if (current().version().equals(permanent.version())) {
                throw new HandlerException(Reason.NOTHING_TO_ROLL_BACK, permanent.id());
            }
            trials.rolledBackByOperator();
            return onNodeThread(() -> install(permanent));
        });
    }

    /**
     * Makes the running release the one the node boots. Idempotent; never stops anything.
     *
     * @throws HandlerException NOT_CURRENT if {@code version} is not the running release;
     *         APPLICATIONS_NOT_RUNNING, naming them, while an application of it does not run (a
     *         restart after the install's commit failed, or it was stopped or failed since): the
     *         node would boot a release nobody has seen run
     */
    public void makePermanent(String version) {
        Echo.check(version, VERSION, Echo.MAX_VERSION);
        lifecycle.run("making " + version + " permanent", "makePermanent", () -> {
            permanent(version);
            trials.madePermanentByOperator(find(version).id());
            return null;
        });
    }

    /** The body of {@link #makePermanent}: also what a passed health gate runs. Lifecycle held. */
    private void permanent(String version) throws IOException {
        ReleaseEntry target = target(version);
        if (target.status() == ReleaseStatus.PERMANENT) {
            return;
        }
        if (target.status() != ReleaseStatus.CURRENT) {
            throw new HandlerException(Reason.NOT_CURRENT, target.id(), target.status().name().toLowerCase(), current().id());
        }
        List<String> notRunning = NotRunning.of(node, target);
        if (!notRunning.isEmpty()) {
            throw new HandlerException(Reason.APPLICATIONS_NOT_RUNNING, target.id(), String.join(", ", notRunning),
                    NotRunning.names(notRunning), permanent().id());
        }
        Releases next = releases.replace(permanent().withStatus(ReleaseStatus.OLD))
                .replace(target.withStatus(ReleaseStatus.PERMANENT));
        write(next);
        tell(l -> l.madePermanent(target.id()));
    }

    /** Deletes an unpacked or old release and the application versions no other release uses. */
    public void removeRelease(String version) {
        Echo.check(version, VERSION, Echo.MAX_VERSION);
        lifecycle.run("removing " + version, "remove", () -> {
            ReleaseEntry target = target(version);
            if (!target.status().isRemovable()) {
                throw new HandlerException(Reason.NOT_REMOVABLE, target.id(), target.status().name().toLowerCase());
            }
            ready.discardTo(target);
            Releases next = releases.without(target.version());
            files.forget();
            ReleaseRemoval.remove(root, target, next, this::write);
            tell(l -> l.removed(target.id()));
            return null;
        });
    }

    /** Checks an unpacked release's files against its checksums; one line per problem. */
    public List<String> verifyRelease(String version) {
        Echo.check(version, VERSION, Echo.MAX_VERSION);
        ReleaseEntry target = find(version);
        try {
            return archives.verify(root, target.version());
        } catch (IOException e) {
            throw new HandlerException(Reason.IO, e, "verify " + target.id(), e.getMessage());
        }
    }

    /**
     * Forces collections (each may stop the world; up to the leak check timeout) and reports purged
     * loaders still alive, with suspects: the operator's check. Without it, leaks are reported as the
     * JVM's own collections find them; see {@link dev.hotrel.runtime.purge.LoaderWatch}.
     */
    public List<LeakReport> findLeaks() {
        List<LeakReport> leaks = node.checkLoaders(config.getLong(ConfigKey.LEAK_CHECK_TIMEOUT), TimeUnit.MILLISECONDS);
        leaks.forEach(r -> tell(l -> l.leakedLoader(r)));
        return leaks;
    }

    // ---- the install itself -----------------------------------------------------------------

    private InstallReport install(ReleaseEntry target) throws IOException {
        dev.hotrel.runtime.Preload.await(); // a fresh node's first install: what is left of it, not a race for the CPU
        practice.cancel(); // a real install does not wait for the practice, nor race it for the CPU
        ReleaseEntry running = current();
        if (target.version().equals(running.version())) {
            throw new HandlerException(Reason.ALREADY_RUNNING, target.id());
        }
        Preparation p = ready.take(running, target);
        if (!p.problems().isEmpty()) {
            throw new HandlerException(Reason.PROBLEMS, target.id(), String.join("; ", p.problems()));
        }
        if (p.plan().restartNode()) {
            p.discard(node);
            return requestRestart(running, target);
        }
        tell(l -> l.installStarted(running.id(), target.id()));
        InstallReport report;
        StepEvents steps = new StepEvents(target.id(), this::tell);
        try {
            report = new PlanExecutor(node, config.getLong(ConfigKey.APPLY_TIMEOUT)).run(p.plan(), p.targets(), (index, count, step) -> {
                faults.beforeStep(index, count, step);
                steps.before(index, count, step);
            });
            steps.flush();
        } catch (InstallFailedException e) {
            steps.flush();
            p.discard(node);
            String message = Reason.INSTALL_FAILED.format(e.getMessage(), running.id());
            tell(l -> l.rolledBack(target.id(), message));
            throw new HandlerException(Reason.INSTALL_FAILED, e, e.getMessage(), running.id());
        }
        Releases next = releases;
        if (running.status() == ReleaseStatus.CURRENT) {
            next = next.replace(running.withStatus(ReleaseStatus.OLD));
        }
        if (target.status() != ReleaseStatus.PERMANENT) {
            next = next.replace(target.withStatus(ReleaseStatus.CURRENT));
        }
        // Nothing of an install is durable (a restart boots the permanent release), so RELEASES.json
        // is not written here, as OTP's install_release writes nothing: the release left becomes old
        // in memory, and the next operation that writes the file (unpack, make permanent, remove)
        // records that too. A crash before then loses only that "old" (the release reads as unpacked).
        releases = next;
        InstallReport done = report;
        InstallReport installed = NotRunning.flag(done, node, target, permanent());
        installed.warnings().stream().filter(w -> w.contains("old code kept")).forEach(w -> tell(l -> l.purgeRefused(w)));
        tell(l -> l.installed(installed));
        if (installed.notRunning().isEmpty()) {
            lifecycle.afterThis(() -> ready.prepareWayBack(target, running));
        }
        return installed;
    }

    /** Marks {@code target} to boot next, durably, before anyone is told; then restarts the node, if it can. */
    private InstallReport requestRestart(ReleaseEntry running, ReleaseEntry target) throws IOException {
        try {
            Boot.markNext(root, target);
        } catch (IOException e) {
            throw new HandlerException(Reason.IO, e, "mark " + target.id() + " to boot on the next start", e.getMessage());
        }
        NodeRestart restart = restarter;
        PendingRestart pending = new PendingRestart(running.id(), target.id(), permanent().id(), restart != NodeRestart.NONE);
        pendingRestart = pending;
        lifecycle.record("restart", running.id() + " -> " + target.id(), pending.automatic()
                ? "requested, the node restarts now" : "requested, boots on the next start");
        if (pending.automatic()) {
            lifecycle.closeAfterThis("restarting into " + target.id(), () -> {
                try {
                    restart.restartInto(target.id());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot restart the node into " + target.id() + " (" + e
                            + "); it boots on the next start: restart the node");
                }
            });
        }
        tell(l -> l.restartRequested(pending));
        return new InstallReport(running.id(), target.id(), List.of(), Map.of(), List.of(pending.message()), Duration.ZERO);
    }

    /** The way back being prepared, once ready (null if none or it failed); leaves it for the next install. For tests. */
    Preparation awaitWayBack() {
        return ready.awaitWayBack();
    }

    // ---- plumbing ---------------------------------------------------------------------------

    /**
     * Runs a preparation or an install on one node thread: every application callback it makes
     * (start classes, code changes, applies, hundreds of them for a large install) then runs right
     * there, instead of each hopping from the operator's thread to a node thread and back.
     */
    private <T> T onNodeThread(Lifecycle.Body<T> body) throws IOException {
        try {
            return node.onNodeThread(() -> {
                try {
                    return body.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@link #find}, and the archive it came from named in the running operation's audit line. Lifecycle held. */
    private ReleaseEntry target(String version) {
        ReleaseEntry target = find(version);
        lifecycle.archive(files.archiveDigest(target.version()).orElse(null));
        return target;
    }

    private ReleaseEntry find(String version) {
        Version v;
        try {
            v = Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(Reason.UNKNOWN_VERSION, version, known());
        }
        return releases.find(v).orElseThrow(() -> new HandlerException(Reason.UNKNOWN_VERSION, version, known()));
    }

    private String known() {
        List<String> versions = releases.releases().stream().map(e -> e.version().toString()).toList();
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }

    /**
     * Re-reads RELEASES.json after an unpack: the new release from the file, every release already
     * known as memory has it (its {@code current}, and the {@code old} of releases left by installs).
     */
    private void refresh() throws IOException {
        Releases merged = root.readReleases();
        for (ReleaseEntry known : releases.releases()) {
            if (merged.find(known.version()).isPresent()) {
                merged = merged.replace(known);
            }
        }
        releases = merged;
    }

    private void write(Releases next) throws IOException {
        persist(next);
        releases = next;
    }

    private void persist(Releases next) throws IOException {
        try (RootLock lock = root.lock()) {
            root.writeReleases(next);
        } catch (IllegalStateException e) {
            throw new HandlerException(Reason.BUSY, e.getMessage(), Instant.now());
        }
    }

    /**
     * Tells the listeners on the node's event thread, in order with the node's own events: never on
     * the operation's thread, so a slow console or JMX client costs no pause. Lifecycle operations
     * settle the events before they return.
     */
    private void tell(Consumer<HandlerListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        node.deliver(() -> {
            for (HandlerListener l : listeners) {
                try {
                    event.accept(l);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "release handler listener failed: " + e);
                }
            }
        });
    }
}
