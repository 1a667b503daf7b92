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

    Lifecycle(AuditLog audit) {
        this.audit = audit;
    }

    /** What runs now, as {@code "installing 1.1.0"}, or null. */
    String operation() {
        return operation;
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
        long started = System.nanoTime();
        operation = what;
        since = Instant.now();
        String outcome = "failed: interrupted by an error";
        try {
            T result = body.run();
            outcome = "ok";
            return result;
        } catch (HandlerException e) {
            outcome = "failed: " + e.getMessage();
            throw e;
        } catch (IOException e) {
            outcome = "failed: " + e;
            throw new HandlerException(Reason.IO, e, what, e.getMessage());
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
            throw e;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (audited != null) {
                audit.record(audited, what, outcome, took);
            }
            last = what + ": " + outcome + " (" + took.toMillis() + " ms, at " + since + ")";
            operation = null;
            since = null;
            lock.unlock();
        }
    }

    void record(String operation, String versions, String outcome) {
        audit.record(operation, versions, outcome, Duration.ZERO);
    }
}
