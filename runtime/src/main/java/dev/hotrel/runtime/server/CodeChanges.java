package dev.hotrel.runtime.server;

import dev.hotrel.api.Server;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.code.MessageConversion;
import dev.hotrel.runtime.code.StateType;

import java.util.concurrent.TimeUnit;

/**
 * The release handler's side of a server: moving a suspended server to another version with its
 * new code's {@code codeChange}, and taking that back. Both run as the server's owner, so no
 * message runs meanwhile; see {@link ServerProcess#changeCode} and {@link ServerProcess#revert}.
 */
final class CodeChanges {

    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(30);

    private CodeChanges() {
    }

    static CodeSwap change(ServerProcess server, AppVersion to, String callbackClass, Object extra, boolean downgrade) {
        String name = server.name();
        if (!server.isSuspended()) {
            throw new IllegalStateException("server " + name + " must be suspended for a code change");
        }
        if (!server.own(QUIET_NANOS)) {
            throw new IllegalStateException("server " + name + " did not become quiet for its code change");
        }
        try {
            Incarnation before = server.code();
            if (before == null || before.version() == to) {
                // Down (its supervisor restarts it on current code), or restarted on `to` already.
                return new CodeSwap(server, null, null, to, null);
            }
            Object oldState = server.ownedState();
            verifyInFlight(server, before.version(), to);
            Server<Object> callback;
            try {
                callback = to.newServer(callbackClass);
            } catch (RuntimeException | LinkageError e) {
                throw new CodeChangeException(name, before.version().id(), to.id(), e);
            }
            Incarnation next = new Incarnation(to, callbackClass, callback);
            Object newState;
            try {
                // On a downgrade the version being left converts its state down (it alone knows both shapes).
                Object given = downgrade
                        ? server.inScope(before, () -> before.callback().downgradeState(to.version(), oldState, extra))
                        : oldState;
                newState = server.inScope(next, () -> callback.codeChange(before.version().version(),
                        to.migrationFrom(before.version(), given, StateType.of(callback.getClass())), extra));
            } catch (Throwable e) {
                throw new CodeChangeException(name, before.version().id(), to.id(), e);
            }
            server.install(next, newState);
            server.adoptTimers(to);
            return new CodeSwap(server, before, oldState, to, next);
        } finally {
            server.disown();
        }
    }

    /**
     * Every message on its way to the server that the new code must receive converted can be; else
     * the change fails here, before any application code ran, and nothing changed.
     */
    private static void verifyInFlight(ServerProcess server, AppVersion from, AppVersion to) {
        for (Object message : server.inFlight()) {
            if (MessageConversion.needed(message, to)) {
                try {
                    MessageConversion.convert(message, to);
                } catch (RuntimeException e) {
                    throw new CodeChangeException(server.name(), from.id(), to.id(), e);
                }
            }
        }
    }

    static void revert(ServerProcess server, CodeSwap swap) {
        if (swap.server() != server) {
            throw new IllegalArgumentException("undo record of " + swap.server().name() + " given to " + server.name());
        }
        if (swap.before() == null) {
            return;
        }
        if (!server.own(QUIET_NANOS)) {
            throw new IllegalStateException("server " + server.name() + " did not become quiet to undo its code change");
        }
        try {
            // Only the incarnation this swap made is undone: one that crashed or was restarted since
            // belongs to its supervisor now (and a down server stays down).
            if (server.code() == swap.after()) {
                server.install(swap.before(), swap.stateBefore());
                server.dropContinuation();
            }
        } finally {
            server.disown();
        }
    }
}
