package dev.hotrel.tools.remote;

/**
 * A remote operation on a node failed. The message is one line for an operator: what failed, and
 * for failures the node reported, the node's own words (which say what it runs now).
 */
public final class RemoteException extends RuntimeException {

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
