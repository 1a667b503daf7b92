package dev.hotrel.runtime.server;

import dev.hotrel.api.Server;
import dev.hotrel.runtime.code.AppVersion;
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
            return new CodeSwap(server, before, oldState, to, next);
        } finally {
            server.disown();
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
            }
        } finally {
            server.disown();
        }
    }
}
