package dev.hotrel.api;

/** No server is registered under the name a message was sent to. */
public class NoSuchServerException extends CallException {

    public NoSuchServerException(String server) {
        super(server, "no server named '" + server + "' runs on this node", null);
    }
}
