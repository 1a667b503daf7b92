package dev.hotrel.api;

/**
 * The caller of a call being answered later: OTP's {@code From} for {@code gen_server:reply/2}.
 * Taken with {@link Hotrel#replyTo()} inside {@link Server#call}, which then returns
 * {@link Reply#noReply}; whoever holds the handle answers the caller with {@link #reply}, from
 * another message of the server, from another server, or from any thread.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The caller receives exactly one answer: the first {@link #reply}, or the {@link Reply}
 *       value if {@code call} returned one; later replies are ignored and return false.</li>
 *   <li>The caller's own timeout still bounds its wait: a reply after it gave up is dropped.</li>
 *   <li>The handle belongs to the server's incarnation: if the server crashes, stops or is
 *       restarted before replying, the caller gets a {@link ServerDownException} at once, as with
 *       a crash during the call itself.</li>
 *   <li>A code change keeps it valid: a handle held in the state crosses to the new version by
 *       reference (like an open channel), and the new code may reply with it.</li>
 * </ul>
 * Thread-safe.
 */
public interface ReplyTo {

    /**
     * Answers the caller with {@code value} (a JDK or {@code dev.hotrel.api} value when the caller
     * is another application). Never blocks.
     *
     * @return true if this was the caller's answer; false if the caller was answered already, was
     *         failed because the server went down, or gave up waiting (timed out, interrupted)
     */
    boolean reply(Object value);
}
