package dev.hotrel.api;

/** A call or cast that could not be delivered or answered. The message says to whom and why. */
public class CallException extends RuntimeException {

    private final String server;

    public CallException(String server, String message, Throwable cause) {
        super(message, cause);
        this.server = server;
    }

    /** The registered name the message was for. */
    public String server() {
        return server;
    }
}
