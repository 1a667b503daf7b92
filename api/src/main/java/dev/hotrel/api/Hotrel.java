package dev.hotrel.api;

import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Talking to servers by registered name, from inside an application or from outside (the node's
 * own code, tests, tools): Hotrel's {@code gen_server:call/cast} and {@code self()}.
 *
 * <p>Every message is handled on one of the node's threads, never on the caller's: a call's
 * timeout bounds the caller's wait whatever the callback does, interrupting the caller ends only
 * its wait (the request may still be handled, its reply dropped, as after a timeout), and nothing
 * a callback leaves on its thread reaches the caller's. A message to a busy or suspended server
 * waits in its mailbox. Requests, replies and messages that go from one
 * application to another must be JDK or {@code dev.hotrel.api} values: the runtime refuses an
 * application's own type at the boundary with an {@link IllegalArgumentException}.
 *
 * <p>During a release switch. The servers that move are suspended together, as one set. A server
 * in the middle of a message may still call another moving server, of its own application or of
 * another: while the set drains, such calls are answered (with the same server's earlier messages
 * first), so servers that call each other synchronously never deadlock an install. Calls from
 * anywhere else wait in the mailbox and are answered by the new code after the switch. Messages of
 * an application's own types that are queued, set on a timer or given as a watch's tag when the
 * code changes reach the new code converted into its class of the same name (by field names, as
 * state is); a type the new version lacks makes the release's check fail, naming it. Only the
 * message itself is converted: inside JDK collections, send JDK values.
 *
 * <p>Deadlocks. The runtime knows who waits on whom: a call that would close a cycle of servers
 * waiting on each other ({@code a} calls {@code b}, which calls {@code a}) fails at once with a
 * {@link CallException} naming the cycle, instead of waiting out its timeout.
 */
public final class Hotrel {

    /** The timeout of {@link #call(String, Object)}, as OTP's default of five seconds. */
    public static final long DEFAULT_CALL_TIMEOUT_MILLIS = 5_000;

    private static volatile Kernel kernel;

    private Hotrel() {
    }

    /**
     * Sends {@code request} to the server registered as {@code server} and waits up to five seconds
     * for the reply.
     *
     * @throws NoSuchServerException if no server has that name
     * @throws CallTimeoutException if no reply came in time
     * @throws ServerDownException if the server crashed on this request or stopped before replying
     * @throws CallException if the call would close a cycle of waiting servers (the message names it)
     */
    public static Object call(String server, Object request) {
        return kernel().call(server, request, DEFAULT_CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** As {@link #call(String, Object)}, waiting at most {@code timeout}. */
    public static Object call(String server, Object request, long timeout, TimeUnit unit) {
        return kernel().call(server, request, timeout, unit);
    }

    /**
     * Queues {@code message} for the server's {@link Server#cast} and returns at once.
     *
     * @throws NoSuchServerException if no server has that name
     */
    public static void cast(String server, Object message) {
        kernel().cast(server, message);
    }

    /** Queues {@code message} for the server's {@link Server#info} and returns at once. */
    public static void send(String server, Object message) {
        kernel().send(server, message);
    }

    /** Whether a server is registered under {@code server}. */
    public static boolean exists(String server) {
        return kernel().exists(server);
    }

    /**
     * The registered name of the server whose callback runs on this thread.
     *
     * @throws IllegalStateException when called outside a server callback
     */
    public static String self() {
        return kernel().self();
    }

    /**
     * Delivers {@code message} to this server's {@link Server#info} after {@code delay}, unless
     * cancelled first. The timer belongs to the server, not to its incarnation: it survives a crash
     * and a code change (a message of the application's own type reaches the new code converted),
     * and dies only when the server stops for good.
     *
     * @return the timer, to {@link TimerRef#cancel cancel} it; may be kept in the state
     * @throws IllegalStateException when called outside a server callback
     */
    public static TimerRef sendAfter(long delay, TimeUnit unit, Object message) {
        return kernel().sendAfter(delay, unit, message);
    }

    /**
     * The caller of the call this server is handling, to answer it later (OTP's {@code From}):
     * take it, keep it (in the state, say), return {@link Reply#noReply}, and {@link ReplyTo#reply}
     * when the answer is known. Each call of it during one call returns the same handle.
     *
     * <p>A deferred reply still waits on the server, for the caller and for a release switch: while
     * the servers of an install are suspended, a moving server waiting on a reply that only a later
     * message would give makes the install time out and roll back.
     *
     * @throws IllegalStateException when called outside {@link Server#call}
     */
    public static ReplyTo replyTo() {
        return kernel().replyTo();
    }

    /**
     * Asks for {@link Server#handleContinue handleContinue(continuation, state)} right after the
     * running callback returns, before any other message (OTP's {@code {continue, C}}). From
     * {@code init} it runs once the server is started; from {@code call} after the reply is sent;
     * from {@code codeChange} on the new code, once the server resumes (not at all if the switch
     * is rolled back); from {@code terminate} never. One step per callback.
     *
     * @throws IllegalStateException when called outside a server callback, or twice in one
     * @throws NullPointerException if {@code continuation} is null
     */
    public static void continueWith(Object continuation) {
        kernel().continueWith(continuation);
    }

    /**
     * Watches server {@code server} for this server: when its running incarnation ends — it stops,
     * crashes, or is restarted — this server receives one {@link Down} in {@link Server#info}
     * naming it and the reason (OTP's {@code erlang:monitor(process, Name)}). A code change of either
     * server keeps the monitor. A server that is not running (down, stopped, starting, or no such
     * name) makes the monitor fire at once with reason {@link Down#NOPROC}. The monitor ends with
     * the watching server's incarnation: a restarted server monitors again in its {@code init}.
     *
     * @return the monitor, to compare with {@link Down#monitor()} and to {@link MonitorRef#demonitor}
     * @throws IllegalStateException when called outside a server callback
     */
    public static MonitorRef monitor(String server) {
        return kernel().monitor(Objects.requireNonNull(server, "server"));
    }

    /**
     * Watches a non-blocking channel for this server: once it is readable (or has a connection to
     * accept), the server receives a {@link ChannelReady} with {@code tag} in {@link Server#info}.
     * One-shot: watch again after handling it. Watching a channel again replaces its tag, and a
     * channel watched by another server moves to this one.
     *
     * <p>The watch belongs to the server's current incarnation. When that ends — the server
     * crashes, is restarted, stopped or removed — the node deregisters every channel it watched,
     * after {@link Server#terminate} and before the server is started again: a listener that closes
     * its server socket in {@code terminate} finds its port free when its supervisor restarts it
     * and its {@code init} binds again. A code change does not end the incarnation: the new code
     * gets the readiness of the channels the old code watched.
     *
     * <p>A channel registered with a selector is only really closed (its port released) once the
     * selector lets go of it. To close a watched channel and reuse its port at once, call
     * {@link #unwatch} first; a watched channel that is simply closed is released within about a
     * tenth of a second.
     *
     * @throws IllegalStateException when called outside a server callback
     * @throws IllegalArgumentException if the channel is in blocking mode, or can be neither read
     *         nor accepted from
     */
    public static void watch(SelectableChannel channel, Object tag) {
        kernel().watch(channel, tag);
    }

    /**
     * Watches a non-blocking channel for this server until it can take more bytes: the server then
     * receives a {@link ChannelWritable} with {@code tag} in {@link Server#info}. One-shot, and
     * independent of {@link #watch} (a channel may be watched for both at once, each with its own
     * tag); otherwise the same rules: it belongs to the server's incarnation, survives a code
     * change (the new code gets the readiness), and {@link #unwatch} ends it. Write what the
     * channel takes, keep the rest in the state, and watch again: no server ever has to wait on a
     * slow reader.
     *
     * @throws IllegalStateException when called outside a server callback
     * @throws IllegalArgumentException if the channel is in blocking mode or cannot be written
     */
    public static void watchWritable(SelectableChannel channel, Object tag) {
        kernel().watchWritable(channel, tag);
    }

    /**
     * Stops watching {@code channel} (for reading and for writing) and deregisters it from the node's selector. Blocks until
     * done (about as long as one turn of the node's selector thread). After it returns:
     * <ul>
     *   <li>no {@link ChannelReady} for {@code channel} is delivered that was not already queued
     *       in a mailbox (one already queued still arrives: a server that unwatches a channel may
     *       still meet it once in {@link Server#info}), nor any {@link ChannelWritable};</li>
     *   <li>closing the channel closes it for real, so a server socket's port can be bound again
     *       at once.</li>
     * </ul>
     * Idempotent; a channel that is not watched is left as it is. May be called from any thread.
     *
     * @throws NullPointerException if {@code channel} is null
     */
    public static void unwatch(SelectableChannel channel) {
        kernel().unwatch(channel);
    }

    /**
     * Installs the node that serves this facade. Package-private: only the runtime's binding (in
     * this package, in the runtime's jar) calls it.
     *
     * @throws IllegalStateException if another node is bound in this JVM
     */
    static synchronized void bind(Kernel node) {
        Objects.requireNonNull(node, "node");
        if (kernel != null && kernel != node) {
            throw new IllegalStateException("another Hotrel node already runs in this JVM: " + kernel);
        }
        kernel = node;
    }

    /** Uninstalls {@code node} if it is the bound one. Package-private, as {@link #bind}. */
    static synchronized void unbind(Kernel node) {
        if (kernel == node) {
            kernel = null;
        }
    }

    private static Kernel kernel() {
        Kernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("no Hotrel node runs in this JVM");
        }
        return k;
    }
}
