package dev.hotrel.runtime.server;

/** A server could not move to another version; it still runs its old code with its old state. */
public final class CodeChangeException extends RuntimeException {

    private final String server;

    public CodeChangeException(String server, String from, String to, Throwable cause) {
        super("code change of server " + server + " from " + from + " to " + to + " failed: " + cause
                + "; the server still runs " + from + " with its old state", cause);
        this.server = server;
    }

    public String server() {
        return server;
    }
}
