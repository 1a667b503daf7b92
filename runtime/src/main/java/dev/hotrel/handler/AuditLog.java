package dev.hotrel.handler;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The release root's audit log, {@code audit.log}: one JSON object per line and lifecycle
 * operation — time, operation, versions, outcome, duration, who asked (the management user, or
 * {@code local} for a caller without one, {@code node} for what the node does itself) and, for an
 * operation on a release unpacked from an archive, that archive's SHA-256 — appended and never
 * rewritten. Texts are cut to {@value #MAX_TEXT} characters (an outcome echoing a hostile argument
 * must not grow the log without bound).
 *
 * <p>A line is as durable as its operation: the line of an operation that changed the root
 * (unpack, make permanent, remove, a restart marked) reaches the disk before the operation
 * returns; the line of one that changed only the running node (install, rollback, a purge, a
 * server suspended) is appended without waiting for the disk, since a crash undoes the operation
 * too (the node boots its permanent release). Waiting on the disk inside every install cost more
 * than the whole install of OTP's.
 */
final class AuditLog {

    /** The operations whose effect is on disk, by their audit names. */
    private static final java.util.Set<String> DURABLE = java.util.Set.of("unpack", "makePermanent", "remove", "restart", "boot");
    private static final System.Logger LOG = System.getLogger("dev.hotrel.audit");
    static final int MAX_TEXT = 2000;

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /**
     * @param user who asked
     * @param sha256 the SHA-256 of the archive concerned, or null when none is known
     */
    void record(String operation, String versions, String outcome, Duration took, String user, String sha256) {
        // Written by hand, not by a mapper: this runs once per operation, so always as cold code.
        String line = "{\"time\":" + quote(Instant.now().toString()) + ",\"operation\":" + quote(operation)
                + ",\"versions\":" + quote(versions) + ",\"outcome\":" + quote(outcome) + ",\"millis\":" + took.toMillis()
                + ",\"user\":" + quote(user) + (sha256 == null ? "" : ",\"sha256\":" + quote(sha256)) + "}\n";
        try {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (DURABLE.contains(operation)) {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } else {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // The operation itself succeeded or failed on its own; losing its audit line must not change that.
            LOG.log(System.Logger.Level.WARNING, "cannot append to audit log " + file + ": " + e.getMessage());
        }
    }

    private static String quote(String text) {
        String t = String.valueOf(text);
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT) + "… (" + t.length() + " characters)";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(t)) + "\"";
    }
}
