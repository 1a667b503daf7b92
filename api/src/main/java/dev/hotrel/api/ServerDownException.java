package dev.hotrel.api;

/** The server crashed while handling this call, or stopped for good before answering it. */
public class ServerDownException extends CallException {

    public ServerDownException(String server, String reason, Throwable cause) {
        super(server, "server '" + server + "' went down: " + reason, cause);
    }
}
