package dev.hotrel.handler;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the lifecycle operations of one node and keeps their record: one runs at a time, a
 * second one fails at once with {@link Reason#BUSY} naming the first (never waits: an operator
 * script should learn at once that the node is busy, not hang); each is written to the audit log
 * and remembered as the last operation.
 */
final class Lifecycle {

    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final AuditLog audit;
    private volatile String operation;
    private volatile Instant since;
    private volatile String last = "none";
    private volatile String closed; // once set, every operation is refused with it
    private volatile String closing; // written by the operation's body, under lock
    private volatile Runnable afterClosing; // likewise
    private volatile Runnable afterThis; // likewise

    private final Runnable settle;
    private volatile java.util.function.Supplier<String> caller = () -> "local";
    private volatile String user; // who asked for the running operation, read on its caller's thread
    private volatile String archive; // the running operation's archive SHA-256, set by its body

    /**
     * @param settle run at the end of every operation, before it returns: waits until the node's
     *               events reached their listeners, so the management view is in step on return
     */
    Lifecycle(AuditLog audit, Runnable settle) {
        this.audit = audit;
        this.settle = settle;
    }

    /** What runs now, as {@code "installing 1.1.0"}, or null. */
    String operation() {
        return operation;
    }

    /** Since when the operation runs, or null. */
    Instant since() {
        return since;
    }

    String last() {
        return last;
    }

    /**
     * Runs {@code body} as the one lifecycle operation, unless another runs.
     *
     * @param what the operation in words, for busy errors and the last operation
     * @param audited the audit log's name for it, or null to leave it out of the log (a dry run)
     * @throws HandlerException BUSY, or whatever the body threw ({@link IOException} as IO)
     */
    <T> T run(String what, String audited, Body<T> body) {
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            // Held by this very thread: a listener or fault injector calling back in is busy too.
            throw new HandlerException(Reason.BUSY, operation, since);
        }
        if (closed != null) {
            lock.unlock();
            throw new HandlerException(Reason.BUSY, closed, since);
        }
        long started = System.nanoTime();
        operation = what;
        since = Instant.now();
        user = caller.get();
        archive = null;
        String outcome = "failed: interrupted by an error";
        boolean succeeded = false;
        try {
            T result = body.run();
            outcome = "ok";
            succeeded = true;
            return result;
        } catch (HandlerException e) {
            outcome = "failed: " + e.getMessage();
            throw e;
        } catch (IOException e) {
            outcome = "failed: " + e;
            throw new HandlerException(Reason.IO, e, "finish " + what, e.getMessage()); // "cannot finish unpacking ..."
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
            throw e;
        } finally {
            settle.run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (audited != null) {
                audit.record(audited, what, outcome, took, user, archive);
            }
            last = what + ": " + outcome + " (" + took.toMillis() + " ms, at " + since + ")";
            Runnable then = succeeded ? afterClosing : null;
            Runnable background = succeeded ? afterThis : null;
            afterThis = null;
            if (succeeded && closing != null) {
                closed = closing;
                operation = closing;
                since = Instant.now();
            } else {
                operation = null;
                since = null;
            }
            closing = null;
            afterClosing = null;
            user = null;
            archive = null;
            lock.unlock();
            if (background != null) {
                background.run();
            }
            if (then != null) {
                then.run();
            }
        }
    }

    /**
     * Ends the lifecycle for good once the running operation has succeeded: that operation ends
     * as usual (audited, its caller gets its result), every later one fails as BUSY with
     * {@code why}, and {@code then} runs on the operation's thread just after the lifecycle was
     * released, before the caller has its result. Call from inside an operation's body; if the
     * body fails after all, nothing is closed.
     */
    void closeAfterThis(String why, Runnable then) {
        // Held, not necessarily by this thread: an install's body runs on a node thread for it.
        if (!lock.isLocked()) {
            throw new IllegalStateException("closeAfterThis called outside a lifecycle operation: call it from an "
                    + "operation's body");
        }
        closing = why;
        afterClosing = then;
    }

    /**
     * Runs {@code work} once the running operation has succeeded and released the lifecycle, on the
     * operation's thread, before its caller has the result: for starting background work that must
     * not compete with the operation's own end (its events, its audit line). Call from a body.
     */
    void afterThis(Runnable work) {
        if (!lock.isLocked()) {
            throw new IllegalStateException("afterThis called outside a lifecycle operation: call it from an operation's body");
        }
        afterThis = work;
    }

    /**
     * A line of its own, for what happens beside an operation (a restart it asked for) or outside one
     * (a boot, by the node itself).
     */
    void record(String operation, String versions, String outcome) {
        String u = user;
        audit.record(operation, versions, outcome, Duration.ZERO, u == null ? "node" : u, u == null ? null : archive);
    }

    /** Who asks, for the audit log: read on the thread that calls {@link #run}, at its start. */
    void setCaller(java.util.function.Supplier<String> who) {
        caller = who == null ? () -> "local" : who;
    }

    /** The SHA-256 of the archive the running operation concerns, for its audit line. Call from a body. */
    void archive(String sha256) {
        archive = sha256;
    }

    /** An audit line for what is not a lifecycle operation (an upload), as the caller on this thread. */
    void recordOutside(String operation, String versions, String outcome, String sha256) {
        audit.record(operation, versions, outcome, Duration.ZERO, caller.get(), sha256);
    }
}
