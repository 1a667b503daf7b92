package dev.hotrel.runtime.server;

import dev.hotrel.api.CallException;
import dev.hotrel.runtime.code.MessageConversion;

/**
 * A message taken from the mailbox, made fit for the code that runs now: one of another version of
 * the application (queued, timed or tagged before a code change) is converted into the running
 * version's class of the same name (a code change verified every queued one could be; see
 * {@link MessageConversion}).
 */
final class Adoption {

    /** What {@link #messageFor} returns for a message that could not be converted: it is not handled. */
    static final Object DROPPED = new Object();
    private static final System.Logger LOG = System.getLogger("dev.hotrel.node");

    private Adoption() {
    }

    /**
     * A call's request for {@code inc} (null: the server is down, nothing to convert for).
     *
     * @throws CallException if it cannot be converted: the caller learns why, the server does not crash
     */
    static Object requestFor(Incarnation inc, String server, Object request) {
        return adopt(inc, server, request, "request");
    }

    /** As {@link #requestFor} for a cast or info: one that cannot be converted is {@link #DROPPED}, loudly. */
    static Object messageFor(Incarnation inc, String server, Object message) {
        try {
            return adopt(inc, server, message, "message");
        } catch (CallException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; the message is dropped");
            return DROPPED;
        }
    }

    private static Object adopt(Incarnation inc, String server, Object message, String what) {
        if (inc == null || !MessageConversion.needed(message, inc.version())) {
            return message;
        }
        try {
            return MessageConversion.convert(message, inc.version());
        } catch (RuntimeException e) {
            throw new CallException(server, what + " for '" + server + "' refused: " + e.getMessage(), e);
        }
    }
}
