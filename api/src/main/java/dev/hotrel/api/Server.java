package dev.hotrel.api;

/**
 * A server callback, Hotrel's gen_server: the code of a stateful server whose mailbox, loop and
 * state belong to the runtime.
 *
 * <p>The runtime creates one callback instance per server and version (with its public no-arg
 * constructor), calls {@link #init} once, and then hands it one message at a time together with
 * the current state. A callback keeps no state of its own in fields: everything that must survive
 * a code change lives in the state object {@code S}, which the runtime holds between messages.
 *
 * <p>Guarantees the runtime gives a callback:
 * <ul>
 *   <li>At most one method of a server runs at a time; each sees the effects of the one before
 *       (happens-before), whichever thread runs it.</li>
 *   <li>Messages from one sender are handled in the order they were sent. A message that arrives
 *       while the server is suspended waits in the mailbox; none is lost or handled twice.</li>
 *   <li>During a callback, {@link Hotrel#self()} names this server and the thread's context
 *       classloader is this application version's loader.</li>
 * </ul>
 *
 * <p>An exception thrown from a callback crashes the server, as in OTP: the caller of the
 * message that crashed it gets a {@link ServerDownException}, {@link #terminate} is called, and
 * the server's supervisor restarts it according to its restart type. Messages still queued for
 * the server wait for the restarted server instead of being dropped. To stop on purpose, throw
 * {@link ServerStop}.
 *
 * <p>Minimal example, a counter:
 * <pre>{@code
 * public final class Counter implements Server<Counter.State> {
 *     public static final class State { long count; }
 *
 *     public State init(Object arg) { return new State(); }
 *
 *     public Reply<State> call(Object request, State state) {
 *         if ("next".equals(request)) { state.count++; return Reply.of(state.count, state); }
 *         return Reply.of(state.count, state);
 *     }
 * }
 * }</pre>
 *
 * @param <S> the type of the server's state
 */
public interface Server<S> {

    /**
     * Creates the initial state. Called once, on a new or restarted server, before any message.
     *
     * @param arg the start argument from the {@link ChildSpec}: a JDK or {@code dev.hotrel.api}
     *            value, or {@code null}
     * @return the initial state; may be {@code null}
     */
    S init(Object arg);

    /**
     * Handles a synchronous request ({@link Hotrel#call}) and says what to answer.
     *
     * @return the reply to send and the state to keep
     * @throws UnsupportedOperationException by default: a server that takes calls overrides this
     */
    default Reply<S> call(Object request, S state) {
        throw new UnsupportedOperationException(
                getClass().getName() + " takes no calls (request: " + request + ")");
    }

    /** Handles an asynchronous message ({@link Hotrel#cast}); returns the state to keep. */
    default S cast(Object message, S state) {
        return state;
    }

    /**
     * Handles everything else that reaches the server: timers from {@link Hotrel#sendAfter},
     * readiness of watched channels ({@link ChannelReady}, {@link ChannelWritable}), monitors that
     * fired ({@link Down}), and messages sent with {@link Hotrel#send}.
     */
    default S info(Object message, S state) {
        return state;
    }

    /**
     * Runs a step a callback asked for with {@link Hotrel#continueWith} (OTP's
     * {@code handle_continue}): right after that callback returned, before any message — even one
     * queued earlier. From {@code init} it runs on a node thread once the server is started, so a
     * slow first step does not hold up the supervisor, yet no call ever meets a half-made state. It
     * may ask for another step in turn. A throw crashes the server, as from any callback.
     *
     * @param continuation what was given to {@code Hotrel.continueWith}
     * @return the state to keep
     * @throws UnsupportedOperationException by default: a server that asks for steps overrides this
     */
    default S handleContinue(Object continuation, S state) {
        throw new UnsupportedOperationException(
                getClass().getName() + " does not handle continuations (continuation: " + continuation + ")");
    }

    /**
     * Moves the state of a suspended server from another version of this application to this one.
     * Called on the callback of the version being switched <em>to</em>: on an upgrade with the
     * older version's state, on a downgrade with the tree the newer version's
     * {@link #downgradeState} made. An older version therefore never has to know the shape of a
     * newer one: the newer version converts its state down, and this method receives it as it
     * would receive any old state.
     *
     * <p>The old state arrives as an {@link OldState}: a neutral tree in which live JDK resources
     * (an open {@code SocketChannel}, an executor) are the very same objects the old version held.
     * Convert it with {@link OldState#as(Class)} or read its {@link OldState#tree() tree}. Throwing
     * here aborts the switch: the server stays on its old code with its old state, untouched.
     *
     * <p>The default keeps a state whose class is unchanged in shape: it converts the old state
     * into the class of the same name in this version, or, when the old state is a neutral tree,
     * into this callback's declared state type {@code S} ({@link OldState#asSameClass()}); fields
     * are matched by name.
     *
     * @param fromVersion the version being left (older on an upgrade, newer on a downgrade)
     * @param oldState the old state
     * @param extra the {@code extra} term of the appup instruction, or {@code null}
     * @return the state this version continues with
     */
    @SuppressWarnings("unchecked")
    default S codeChange(String fromVersion, OldState oldState, Object extra) {
        return (S) oldState.asSameClass();
    }

    /**
     * Converts this version's state down to the shape of an older version, during a downgrade
     * (OTP's {@code code_change({down, Vsn}, State, Extra)}): called on the callback of the version
     * being <em>left</em>, on a suspended server, before the older version's {@link #codeChange}
     * receives the result as its {@link OldState}.
     *
     * <p>Return the state as {@code toVersion} shapes it, as a neutral tree: JDK maps, lists,
     * strings, numbers and booleans, with live JDK resources (channels, sockets) by reference, never
     * closed or copied. Any object of this version's classes may be returned too: the runtime reads
     * it into the tree by its fields. The default returns {@code state} as it is, which is right
     * when the newer version only added fields (the older version ignores fields it does not have).
     *
     * <p>Must not change {@code state}: if the switch is aborted later, the server continues on
     * this version with this very state. Throwing aborts the switch exactly as a throwing
     * {@code codeChange} does: this code, this state, rolled back in place.
     *
     * @param toVersion the older version being switched to
     * @param state this version's state (read it, do not modify it)
     * @param extra the {@code extra} term of the newer version's appup instruction, or {@code null}
     * @return the state in {@code toVersion}'s shape
     */
    default Object downgradeState(String toVersion, S state, Object extra) {
        return state;
    }

    /**
     * Called when the server stops: on shutdown, on a crash, when purged, or when removed.
     * Best effort: it is not called if the JVM dies. Close what the state owns here: once it
     * returns, the node deregisters the channels this server watched ({@link Hotrel#watch}), so a
     * server socket closed here has released its port before the server is started again.
     *
     * @param reason {@code "normal"}, {@code "shutdown"}, or a description of the crash
     */
    default void terminate(String reason, S state) {
    }
}
