package dev.hotrel.api;

/**
 * A monitor set with {@link Hotrel#monitor}: OTP's monitor reference. It may be kept in the state: a
 * code change of the monitoring server or of the watched one keeps the monitor, and carries the
 * reference over by reference.
 *
 * <p>Thread-safe.
 */
public interface MonitorRef {

    /** The registered name of the watched server. */
    String server();

    /**
     * Removes the monitor (OTP's {@code demonitor(Ref, [flush])}). After it returns, no {@link Down}
     * of this monitor reaches the monitoring server: one already queued in its mailbox is taken out.
     * Idempotent.
     *
     * @return true if the monitor was still active; false if it had fired (or was removed) before
     */
    boolean demonitor();
}
