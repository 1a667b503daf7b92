package dev.hotrel.api;

/**
 * Thrown from a callback to stop the server on purpose. With reason {@code "normal"} a
 * {@link RestartType#TRANSIENT} server is not restarted; any other reason counts as a crash.
 */
public class ServerStop extends RuntimeException {

    private final String reason;

    public ServerStop(String reason) {
        super("server stopped: " + reason, null, false, false);
        this.reason = reason;
    }

    /** Why the server stops. */
    public String reason() {
        return reason;
    }
}
