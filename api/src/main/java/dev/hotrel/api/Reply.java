package dev.hotrel.api;

/**
 * What a {@link Server#call} answers: the reply for the caller and the state the server keeps.
 *
 * @param value the reply; a JDK or {@code dev.hotrel.api} value when the caller is another
 *              application
 * @param state the state to keep
 * @param <S> the server's state type
 */
public record Reply<S>(Object value, S state) {

    /** The value of a {@link #noReply}: never sent to anyone. */
    private static final Object NO_REPLY = new Object() {
        @Override
        public String toString() {
            return "no reply yet";
        }
    };

    /** Replies {@code value} and keeps {@code state}. */
    public static <S> Reply<S> of(Object value, S state) {
        return new Reply<>(value, state);
    }

    /**
     * Keeps {@code state} and answers the caller later, through the {@link ReplyTo} that
     * {@link Hotrel#replyTo()} gave during this call (OTP's {@code {noreply, State}}). The caller
     * keeps waiting, up to its own timeout; the server goes on with its next message. Returning it
     * from a call that never took {@code Hotrel.replyTo()} crashes the server, as the caller could
     * never be answered.
     */
    public static <S> Reply<S> noReply(S state) {
        return new Reply<>(NO_REPLY, state);
    }

    /** Whether this is a {@link #noReply}: the caller is answered later. */
    public boolean deferred() {
        return value == NO_REPLY;
    }
}
