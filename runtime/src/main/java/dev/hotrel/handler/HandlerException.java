package dev.hotrel.handler;

/** A release handler operation that failed; {@link #reason()} says how, the message says what to do. */
public final class HandlerException extends RuntimeException {

    private final Reason reason;

    public HandlerException(Reason reason, Throwable cause, Object... args) {
        super(reason.format(args), cause);
        this.reason = reason;
    }

    public HandlerException(Reason reason, Object... args) {
        this(reason, null, args);
    }

    public Reason reason() {
        return reason;
    }
}
