package dev.hotrel.runtime.server;

import dev.hotrel.runtime.code.AppVersion;

/**
 * The undo record of one code change: the code and state the server had before. Holding it keeps
 * the old state alive, which is the point: {@link ServerProcess#revert} puts it back untouched.
 *
 * @param server the server that changed code
 * @param before the incarnation before the change; null if the server was down (nothing to undo)
 * @param stateBefore the state before the change
 * @param to the version the server moved to
 * @param after the incarnation the change made; null if nothing changed
 */
public record CodeSwap(ServerProcess server, Incarnation before, Object stateBefore, AppVersion to, Incarnation after) {
}
