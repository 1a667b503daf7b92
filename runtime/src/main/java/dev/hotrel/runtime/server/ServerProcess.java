package dev.hotrel.runtime.server;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.api.ServerStop;
import dev.hotrel.runtime.code.AppVersion;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A server: the mailbox, the loop and the state of one registered name, owned by the runtime.
 * The callback (the application's code) is swapped underneath it; the mailbox outlives crashes,
 * restarts and code changes.
 *
 * <p>Concurrency. A {@link ControlWord} says who owns the server and whether it is suspended,
 * down or stopped. Only the owner touches the callback and the state; taking and releasing
 * ownership are volatile CAS operations, so each message's handling happens-before the next
 * one's, whichever threads run them.
 * <ul>
 *   <li>Every message is queued, and whoever finds the server idle with mail schedules one drain
 *       task on the node's executor: application code runs only on node threads made for it, never
 *       on a caller's (a Jolokia thread, a client's, another application's). A releasing owner
 *       re-checks the mailbox, so nothing is stranded (the enqueuer's add precedes its failed CAS;
 *       the owner's release precedes its re-check).</li>
 *   <li>A drain lingers a few microseconds for the next message, and a caller spins as long for its
 *       reply before parking, so back-to-back calls cost a cache-line hand-off, not two thread
 *       wake-ups.</li>
 *   <li>Messages from one thread are handled in send order: the mailbox is FIFO and one owner at a
 *       time takes from it.</li>
 * </ul>
 */
public final class ServerProcess extends ControlWord {

    private static final int OWNED = ControlWord.OWNED;
    private static final int SUSPENDED = ControlWord.SUSPENDED;
    private static final int DOWN = ControlWord.DOWN;
    private static final int STOPPED = ControlWord.STOPPED;
    /** How long a drain waits, spinning, for the next message before it lets its thread go. */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    // Plain fields with VarHandles, not atomic objects: a node may hold 100,000 servers.
    private static final java.lang.invoke.VarHandle END_PENDING;
    private static final java.lang.invoke.VarHandle RESTARTS;
    private static final java.lang.invoke.VarHandle SPINNER;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
            END_PENDING = lookup.findVarHandle(ServerProcess.class, "endPending", String.class);
            RESTARTS = lookup.findVarHandle(ServerProcess.class, "restarts", int.class);
            SPINNER = lookup.findVarHandle(ServerProcess.class, "spinner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final String app;
    private final Executor executor;
    private final Mailbox mailbox = new Mailbox();
    private volatile ExitListener listener = (s, r, n) -> { };
    private volatile Consumer<ServerProcess> incarnationEnd = s -> { };

    private volatile SuspendSet suspension;
    private volatile String endPending; // through END_PENDING
    private volatile ServerProcess waitingOn;
    private volatile Incarnation code;
    private volatile boolean starting;
    private Object state; // guarded by ownership
    private volatile String lastExit;
    private volatile int restarts; // through RESTARTS
    private volatile int spinner; // 1 while a caller spins for its reply; through SPINNER
    private volatile ServerTies ties; // made at the first timer, monitor or deferred reply: most servers never use one
    // The call being handled (an Envelope.Call), or the DeferredReply made for it once Hotrel.replyTo()
    // asked; one field for both, as a node may hold 100,000 servers. Guarded by ownership.
    private Object callInHand;
    private volatile Object continuation; // the step a callback asked for (Hotrel.continueWith), not run yet

    public ServerProcess(String name, String app, Executor executor) {
        super(DOWN);
        this.name = name;
        this.app = app;
        this.executor = executor;
    }

    /** The server whose callback runs on this thread, or null. */
    public static ServerProcess current() {
        return CallbackScope.CURRENT.get();
    }

    public String name() {
        return name;
    }

    public String app() {
        return app;
    }

    public void onExit(ExitListener l) {
        this.listener = l;
    }

    /**
     * Sets what runs whenever an incarnation ends, after its {@code terminate} and before its exit
     * listener is told: the node releases the channels that incarnation watched. Must not throw.
     */
    public void onIncarnationEnd(Consumer<ServerProcess> hook) {
        this.incarnationEnd = hook;
    }

    /** The code it runs, or null while it is down. */
    public Incarnation code() {
        return code;
    }

    /** How many times it was started again after the first start. */
    public int restarts() {
        return restarts;
    }

    /** Why its last incarnation ended, or null. */
    public String lastExit() {
        return lastExit;
    }

    /**
     * Application messages waiting (calls, casts, infos). The node's own reads of the state (a check's
     * rehearsal, prepared in the background after every install; an operator's getState) are not
     * mail and are not counted.
     */
    public int queueLength() {
        return mailbox.mail();
    }

    public ServerStatus status() {
        int c = word();
        if ((c & STOPPED) != 0) {
            return ServerStatus.STOPPED;
        }
        if (starting) {
            return ServerStatus.STARTING;
        }
        if ((c & DOWN) != 0) {
            return ServerStatus.DOWN;
        }
        return (c & SUSPENDED) != 0 ? ServerStatus.SUSPENDED : ServerStatus.RUNNING;
    }

    // ---- lifecycle (supervisor side) --------------------------------------------------------

    /**
     * Starts an incarnation on {@code version}: runs {@code init(arg)} on this thread and then
     * lets queued messages through (unless suspended). The server must be down.
     *
     * @throws IllegalStateException if the server is not down, or it could not be taken in time
     * @throws RuntimeException whatever {@code init} threw; the server stays down
     */
    public void start(AppVersion version, String callbackClass, Object arg, boolean isRestart) {
        if ((word() & DOWN) == 0) {
            throw new IllegalStateException("server " + name + " is already running " + code);
        }
        if (!acquire(TimeUnit.SECONDS.toNanos(30))) {
            throw new IllegalStateException("server " + name + " is still busy ending its last incarnation");
        }
        starting = true;
        try {
            if ((word() & DOWN) == 0) {
                throw new IllegalStateException("server " + name + " was started by someone else meanwhile");
            }
            Server<Object> callback;
            Incarnation next;
            Object initial;
            try {
                callback = version.newServer(callbackClass);
                next = new Incarnation(version, callbackClass, callback);
                initial = inContext(next, () -> callback.init(arg));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("init of server " + name + " on " + version.id() + " failed: " + e, e);
            }
            code = next;
            state = initial;
            if (isRestart) {
                RESTARTS.getAndAdd(this, 1);
            }
            clear(DOWN);
        } finally {
            starting = false;
            if (continuation != null && (word() & DOWN) == 0) {
                // init asked for a step: a node thread runs it, still as owner, before any message.
                executor.execute(this::drain);
            } else {
                continuation = null;
                release();
            }
        }
    }

    /**
     * Ends the current incarnation: waits up to {@code timeout} for the message being handled,
     * calls {@code terminate(reason)}, and leaves the server down with its mailbox intact. No exit
     * listener is told. Idempotent.
     *
     * <p>{@code terminate} never runs beside another callback of the server: if the message being
     * handled does not finish in time, this returns false at once and that handler's thread ends
     * the incarnation when its message is done (its result is kept only for the terminate), so
     * {@code terminate} still runs exactly once. A new incarnation can start only after that.
     *
     * @return false if a message handler did not finish in time (it ends the incarnation later)
     */
    public boolean terminate(String reason, long timeout, TimeUnit unit) {
        set(DOWN);
        if (acquire(unit.toNanos(timeout))) {
            END_PENDING.setVolatile(this, (String) null);
            endIncarnation(reason);
            release();
            return true;
        }
        // A message handler is still running: it alone owns the callback and the state. It ends the
        // incarnation itself when its message is done (see release), so terminate runs once, alone.
        END_PENDING.setVolatile(this, reason);
        if (acquire(0)) {
            // It finished between the failed wait and the request: end it here instead.
            String pending = (String) END_PENDING.getAndSet(this, (String) null);
            if (pending != null) {
                endIncarnation(pending);
            }
            release();
            return true;
        }
        return false;
    }

    /** As owner: drops the incarnation and its state, and runs its terminate once. */
    private void endIncarnation(String reason) {
        Incarnation ended = code;
        Object endedState = state;
        code = null;
        state = null;
        continuation = null;
        if (ended != null) {
            lastExit = reason;
            ended(ended, reason, endedState);
        }
    }

    /**
     * Stops the server for good: terminates it if running, and fails every queued call with a
     * {@link ServerDownException}. Idempotent.
     */
    public void stop(String reason, long timeout, TimeUnit unit) {
        terminate(reason, timeout, unit);
        set(STOPPED);
        ServerTies t = ties;
        if (t != null) {
            t.timers.cancelAll();
        }
        mailbox.failAll(name, reason);
    }

    // ---- suspension and code change (release handler side) ----------------------------------

    /**
     * Suspends the server alone: the message being handled finishes, later ones wait in the
     * mailbox. Idempotent. Blocks until the server is quiet or the timeout passes; on timeout the
     * server stays marked suspended (no new message starts) and the caller decides whether to
     * resume. Servers moved together are suspended as a {@link SuspendSet} instead.
     *
     * @return true if the server is quiet, false on timeout or interrupt (interrupt status kept)
     */
    public boolean suspend(long timeout, TimeUnit unit) {
        set(SUSPENDED);
        return awaitUnowned(unit.toNanos(timeout));
    }

    /** Lets queued messages through again, in order. Idempotent; never blocks. */
    public void resume() {
        suspension = null;
        clear(SUSPENDED);
        trySchedule();
    }

    /** The server this one's callback waits on in a call right now, or null. */
    public ServerProcess waitingOn() {
        return waitingOn;
    }

    /** Records (or, with null, clears) what this server's callback waits on; by the runtime's call path only. */
    public void waitOn(ServerProcess target) {
        waitingOn = target;
    }

    void joinSuspension(SuspendSet set) {
        suspension = set;
        set(SUSPENDED);
    }

    /** Whether a call from a draining member of {@code set} waits in the mailbox. */
    boolean hasAdmittedMail(SuspendSet set) {
        return mailbox.hasCallAdmittedBy(set);
    }

    void serveAdmittedLater(SuspendSet set) {
        executor.execute(() -> serveAdmitted(set));
    }

    /**
     * Answers, while suspended, the calls of draining members of {@code set} and their senders'
     * earlier messages (so one sender's messages stay in order); everything else stays queued.
     */
    private void serveAdmitted(SuspendSet set) {
        while (hasAdmittedMail(set)) {
            if (!acquire(Math.max(0, set.deadline() - System.nanoTime()))) {
                return; // the set's wait reports this server as late, with what it waits on
            }
            try {
                if ((word() & (DOWN | STOPPED)) != 0) {
                    return;
                }
                Envelope e;
                while ((word() & (DOWN | STOPPED)) == 0 && (e = mailbox.takeAdmitted(set)) != null) {
                    handle(e);
                }
            } finally {
                release();
            }
        }
    }

    /** Whether a thread is handling one of its messages (or changing its code) right now. */
    public boolean isHandling() {
        return has(OWNED);
    }

    public boolean isSuspended() {
        return (word() & SUSPENDED) != 0;
    }

    /**
     * Switches a suspended server to {@code to}: instantiates {@code callbackClass} there and calls
     * its {@code codeChange} with the old state. On any failure the server keeps its old code and
     * state, untouched. A server that is down (crashed during the switch) is left to its
     * supervisor, which restarts it on the application's current code; one already on {@code to}
     * (restarted there during the switch) is left as it is.
     *
     * @return the undo record for {@link #revert}
     * @throws IllegalStateException if the server is not suspended
     * @throws CodeChangeException if the new code could not be loaded or its codeChange threw
     */
    public CodeSwap changeCode(AppVersion to, String callbackClass, Object extra) {
        return CodeChanges.change(this, to, callbackClass, extra, false);
    }

    /**
     * As {@link #changeCode}, for a downgrade: the code being left converts its state with
     * {@code downgradeState}, and {@code to}'s {@code codeChange} receives that tree. A throw from
     * either leaves the server on its old code with its old state.
     */
    public CodeSwap downgradeCode(AppVersion to, String callbackClass, Object extra) {
        return CodeChanges.change(this, to, callbackClass, extra, true);
    }

    /**
     * Undoes a {@link #changeCode}: the server gets back the code and the very state it had.
     * Only valid before the server handled a message on the new code (that is, while suspended);
     * does nothing if the server's incarnation is no longer the one the change made.
     */
    public void revert(CodeSwap swap) {
        CodeChanges.revert(this, swap);
    }

    // ---- primitives for CodeChanges: only under ownership ---------------------------------------

    boolean own(long timeoutNanos) {
        return acquire(timeoutNanos);
    }

    void disown() {
        release();
    }

    Object ownedState() {
        return state;
    }

    void install(Incarnation next, Object nextState) {
        code = next;
        state = nextState;
    }

    <R> R inScope(Incarnation inc, Supplier<R> body) {
        return inContext(inc, body);
    }

    // ---- messages -----------------------------------------------------------------------------

    /**
     * Calls the server and waits for the reply. The request is handled on a node thread, never on
     * the caller's: so the timeout bounds the wait whatever the callback does, an interrupt of the
     * caller ends only its wait, and nothing the callback leaves on its thread (a ThreadLocal, a
     * context) lands on the caller's.
     *
     * Fails as documented on {@code Hotrel.call}: no reply in time, or the server went down.
     */
    public Object call(Object request, long timeout, TimeUnit unit) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        // A drain already at work answers soon: worth a short spin, for one caller at a time. More
        // spinners than cores would take the CPU from the very drain they wait for (on two cores,
        // four spinning callers left the drain descheduled for whole time slices); the others park.
        boolean spin = has(OWNED) && SPINNER.compareAndSet(this, 0, 1);
        enqueue(new Envelope.Call(request, reply, current()));
        try {
            return PendingReply.await(reply, timeout, unit, this, spin);
        } finally {
            if (spin) {
                spinner = 0;
            }
        }
    }

    public void cast(Object message) {
        enqueue(new Envelope.Cast(message, current()));
    }

    public void send(Object message) {
        enqueue(new Envelope.Info(message, current()));
    }

    /**
     * Reads the state between two messages, through {@code reader}, in the server's own loop. A
     * suspended server is read at once by the calling thread.
     */
    public Object inspect(Function<Object, Object> reader, long timeout, TimeUnit unit) {
        if (isSuspended() && acquire(unit.toNanos(timeout))) {
            try {
                return reader.apply(state);
            } finally {
                release();
            }
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        enqueue(new Envelope.Inspect(reader, reply));
        return PendingReply.await(reply, timeout, unit, this, false);
    }

    /** A read of a server's state queued by {@link #inspectLater}, waited for later. */
    @FunctionalInterface
    public interface Inspection {
        /** Waits at most {@code timeout} for the read; fails as {@link #inspect} does. */
        Object await(long timeout, TimeUnit unit);
    }

    /**
     * As {@link #inspect}, in two halves: the read is queued now and waited for by the returned
     * {@link Inspection}, so that many servers can be read at once. A suspended server is read when
     * the inspection is awaited, as {@code inspect} reads it.
     */
    public Inspection inspectLater(Function<Object, Object> reader) {
        if (isSuspended()) {
            return (timeout, unit) -> inspect(reader, timeout, unit);
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        try {
            enqueue(new Envelope.Inspect(reader, reply));
        } catch (RuntimeException e) {
            return (timeout, unit) -> {
                throw e; // as inspect would have thrown it: when awaited
            };
        }
        return (timeout, unit) -> PendingReply.await(reply, timeout, unit, this, false);
    }

    private void enqueue(Envelope e) {
        if ((word() & STOPPED) != 0) {
            throw new ServerDownException(name, "stopped (" + lastExit + ")", null);
        }
        mailbox.add(e);
        if ((word() & STOPPED) != 0 && mailbox.remove(e)) {
            // Stopped between the check and the add: the stop's drain may have missed this one.
            throw new ServerDownException(name, "stopped (" + lastExit + ")", null);
        }
        if ((word() & SUSPENDED) != 0) {
            SuspendSet set = suspension;
            if (set != null) {
                set.offered(this);
            }
        }
        trySchedule();
    }

    private void trySchedule() {
        while (word() == 0 && (!mailbox.isEmpty() || continuation != null)) {
            if (ownIfIdle()) {
                executor.execute(this::drain);
                return;
            }
        }
    }

    private void drain() {
        try {
            runContinuations();
            for (;;) {
                Envelope e;
                while (open() && (e = mailbox.poll()) != null) {
                    handle(e);
                }
                // Stay a moment for the next message: a caller that calls again right after its reply
                // finds this thread still here, instead of waking another (the cost of every hand-off).
                // No batch limit: the pool makes threads as needed, so a busy server keeping its
                // thread starves no one, and handing over every N messages cost a thread wake-up each.
                if (!open() || !lingerForMail()) {
                    return;
                }
            }
        } finally {
            release();
        }
    }

    private boolean open() {
        return (word() & (SUSPENDED | DOWN | STOPPED)) == 0;
    }

    private boolean lingerForMail() {
        long end = System.nanoTime() + LINGER_NANOS;
        while (System.nanoTime() < end) {
            if (!mailbox.isEmpty()) {
                return true;
            }
            if (!open()) {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void handle(Envelope e) {
        if (e instanceof Envelope.Call c) {
            try {
                answer(c, Adoption.requestFor(code, name, c.request()));
            } catch (RuntimeException | Error ex) {
                c.reply().completeExceptionally(ex);
            }
        } else if (e instanceof Envelope.Cast c) {
            Object message = Adoption.messageFor(code, name, c.message());
            if (message != Adoption.DROPPED) {
                run(inc -> inc.callback().cast(message, state));
            }
        } else if (e instanceof Envelope.Info i) {
            Object message = Adoption.messageFor(code, name, i.message());
            if (message != Adoption.DROPPED) {
                run(inc -> inc.callback().info(message, state));
            }
        } else if (e instanceof Envelope.Inspect i) {
            try {
                i.reply().complete(i.reader().apply(state));
            } catch (RuntimeException ex) {
                i.reply().completeExceptionally(ex);
            }
            return;
        }
        runContinuations();
    }

    /** Runs the steps the last callback asked for, each before any message. As owner. */
    private void runContinuations() {
        Object step;
        while ((step = continuation) != null) {
            continuation = null;
            if ((word() & (DOWN | STOPPED)) != 0) {
                return; // the incarnation is being ended: its steps with it
            }
            Object c = step;
            run(inc -> inc.callback().handleContinue(c, state));
        }
    }

    /**
     * Runs a call and answers it, or, on {@code Reply.noReply}, leaves the answer to the
     * {@link DeferredReply} the callback took (one of this incarnation's awaited replies until then).
     */
    private void answer(Envelope.Call call, Object request) {
        Object[] answer = new Object[1];
        boolean[] deferred = new boolean[1];
        callInHand = call;
        Throwable failure;
        DeferredReply later;
        try {
            failure = run(inc -> {
                Reply<Object> reply = inc.callback().call(request, state);
                if (reply == null) {
                    throw new IllegalStateException(inc.callbackClass() + ".call returned null instead of a Reply");
                }
                if (reply.deferred() && !(callInHand instanceof DeferredReply)) {
                    throw new IllegalStateException(inc.callbackClass() + ".call returned Reply.noReply without taking "
                            + "Hotrel.replyTo(): its caller could never be answered");
                }
                deferred[0] = reply.deferred();
                answer[0] = reply.value();
                return reply.state();
            });
            later = callInHand instanceof DeferredReply d ? d : null;
        } finally {
            callInHand = null;
        }
        if (failure != null) {
            String why = failure instanceof ServerStop s ? "stopped (" + s.reason() + ")" : "crashed: " + failure;
            call.reply().completeExceptionally(new ServerDownException(name, why, failure));
        } else if (deferred[0]) {
            ties().awaiting(later);
        } else {
            call.reply().complete(answer[0]);
        }
    }

    /**
     * The caller of the call this server's callback handles now ({@code Hotrel.replyTo()}).
     *
     * @throws IllegalStateException outside a call
     */
    public dev.hotrel.api.ReplyTo replyTo() {
        Object inHand = callInHand;
        if (inHand instanceof DeferredReply made) {
            return made;
        }
        if (!(inHand instanceof Envelope.Call call) || current() != this) {
            throw new IllegalStateException("Hotrel.replyTo() works only inside Server.call");
        }
        DeferredReply made = new DeferredReply(this, call.reply());
        callInHand = made;
        return made;
    }

    /**
     * Asks for {@code handleContinue(step)} after the running callback ({@code Hotrel.continueWith}).
     *
     * @throws IllegalStateException if that callback asked for one already
     */
    public void continueWith(Object step) {
        java.util.Objects.requireNonNull(step, "continuation");
        if (continuation != null) {
            throw new IllegalStateException("server " + name + " already asked for a continuation in this callback ("
                    + continuation + "): one step per callback; ask for the next one from handleContinue");
        }
        continuation = step;
    }

    /** A code change was undone: a step its codeChange asked for is not the old code's. */
    void dropContinuation() {
        continuation = null;
    }

    // ---- timers and messages in flight ---------------------------------------------------------

    ServerTies ties() {
        ServerTies t = ties;
        if (t == null) {
            synchronized (mailbox) { // any private object: made once, whoever needs it first
                t = ties;
                if (t == null) {
                    t = new ServerTies();
                    ties = t;
                }
            }
        }
        return t;
    }

    /** Whether an incarnation runs (it may be suspended): not down, starting or stopped. */
    boolean isRunning() {
        return (word() & (DOWN | STOPPED)) == 0;
    }

    /**
     * Watches {@code watched} (null: no server of that name) for this server ({@code Hotrel.monitor}).
     */
    public dev.hotrel.api.MonitorRef monitor(ServerProcess watched, String watchedName) {
        return Monitor.set(this, watched, watchedName);
    }

    /** Queues a message of the node's own (a monitor's Down) for info; dropped if the server stopped for good. */
    void deliver(Object message) {
        try {
            enqueue(new Envelope.Info(message, null));
        } catch (ServerDownException e) {
            // Stopped for good: nobody is left to tell.
        }
    }

    /** Takes out of the mailbox the infos {@code which} matches (a demonitor's flush). */
    void withdraw(java.util.function.Predicate<Object> which) {
        mailbox.removeIf(e -> e instanceof Envelope.Info i && which.test(i.message()));
    }

    /** Sends {@code message} to this server's info after {@code delay}, unless cancelled or it stops for good first. */
    public dev.hotrel.api.TimerRef sendAfter(java.util.concurrent.ScheduledExecutorService scheduler, long delay, TimeUnit unit, Object message) {
        return ties().timers.schedule(scheduler, delay, unit, message, m -> {
            try {
                send(m);
            } catch (RuntimeException e) {
                // Stopped for good meanwhile: its timers die with it.
            }
        });
    }

    /** Every message on its way to this server: queued ones (calls, casts, infos) and pending timers' payloads. */
    public java.util.List<Object> inFlight() {
        java.util.List<Object> all = mailbox.payloads();
        ServerTies t = ties;
        if (t != null) {
            all.addAll(t.timers.payloads());
        }
        return all;
    }

    /** After a code change: pending timers carry the new version's objects (so they keep no old loader alive). */
    void adoptTimers(AppVersion to) {
        ServerTies t = ties;
        if (t != null) {
            t.timers.adopt(to);
        }
    }

    /** Runs one callback as owner; on an exception the server crashes. Returns that exception. */
    private Throwable run(Function<Incarnation, Object> body) {
        Incarnation inc = code;
        try {
            state = inContext(inc, () -> body.apply(inc));
            return null;
        } catch (Throwable t) {
            crashed(inc, t);
            return t;
        }
    }

    private void crashed(Incarnation inc, Throwable t) {
        boolean normal = t instanceof ServerStop s && "normal".equals(s.reason());
        String reason = t instanceof ServerStop s ? s.reason() : t.toString();
        set(DOWN);
        END_PENDING.setVolatile(this, (String) null); // the crash ends this incarnation; an end asked meanwhile is done by it
        Object endedState = state;
        code = null;
        state = null;
        continuation = null;
        lastExit = reason;
        ended(inc, reason, endedState);
        ExitListener l = listener;
        executor.execute(() -> l.exited(this, reason, normal));
    }

    /**
     * The end of an incarnation (crash, terminate, stop): its {@code terminate}, then the hook that
     * lets go of what the node holds for it, before anyone restarts the server.
     */
    private void ended(Incarnation inc, String reason, Object endedState) {
        try {
            inContext(inc, () -> {
                inc.callback().terminate(reason, endedState);
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            // Best effort, as documented on Server.terminate; a failing one must not stop the others.
        }
        continuation = null; // one asked for by terminate: the incarnation is over
        incarnationEnd.accept(this);
        ServerTies t = ties;
        if (t != null) {
            t.incarnationEnded(reason);
        }
    }

    private <R> R inContext(Incarnation inc, Supplier<R> body) {
        return CallbackScope.run(this, inc, executor, body);
    }

    // ---- the control word -----------------------------------------------------------------------

    private void release() {
        String pending = (String) END_PENDING.getAndSet(this, (String) null);
        if (pending != null) {
            endIncarnation(pending); // asked while this owner's message ran: ended now, by the owner
        }
        releaseOwnership();
        SuspendSet set = suspension;
        if (set != null) {
            set.signal();
        }
        trySchedule();
    }

    @Override
    public String toString() {
        Incarnation inc = code;
        return "server " + name + " (" + (inc == null ? app : inc.version().id()) + ", " + status() + ")";
    }
}
