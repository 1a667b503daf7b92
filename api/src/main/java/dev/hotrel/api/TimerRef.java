package dev.hotrel.api;

/**
 * A timer set with {@link Hotrel#sendAfter}: OTP's {@code TRef} for {@code erlang:cancel_timer/1}.
 * It may be kept in the state: a code change carries it over by reference (and the timer's message
 * is converted for the new code, as every timer's is).
 *
 * <p>Thread-safe: any server or thread may cancel it.
 */
public interface TimerRef {

    /**
     * Cancels the timer.
     *
     * @return true if the timer was pending: its message will never be delivered. False if it had
     *         fired already (its message may still wait in the mailbox, or have been handled) or
     *         was cancelled before.
     */
    boolean cancel();
}
