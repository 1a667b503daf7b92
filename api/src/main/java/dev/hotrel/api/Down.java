package dev.hotrel.api;

/**
 * Delivered to {@link Server#info} when a server watched with {@link Hotrel#monitor} goes down:
 * OTP's {@code {'DOWN', Ref, process, Name, Reason}}. A monitor fires once, then it is gone; monitor
 * again to watch the server's next incarnation.
 *
 * @param monitor the monitor that fired (compare it with the one {@link Hotrel#monitor} returned)
 * @param server the registered name of the server that went down
 * @param reason why, as its {@link Server#terminate} was told: {@code "normal"} (stopped on
 *               purpose), {@code "shutdown"} (stopped by its supervisor, or restarted with a
 *               sibling), the reason of a {@link ServerStop}, the exception of a crash as
 *               {@code "java.lang.IllegalStateException: message"}, the reason of a restart by
 *               the node (a purge, an appup {@code restart}), or {@link #NOPROC}
 */
public record Down(MonitorRef monitor, String server, String reason) {

    /** The reason when the server was not running when the monitor was set (or has no such name). */
    public static final String NOPROC = "noproc";

    /** Whether the server stopped on purpose with reason {@code "normal"}. */
    public boolean normal() {
        return "normal".equals(reason);
    }
}
