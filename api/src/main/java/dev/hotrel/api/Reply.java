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

    /** Replies {@code value} and keeps {@code state}. */
    public static <S> Reply<S> of(Object value, S state) {
        return new Reply<>(value, state);
    }
}
