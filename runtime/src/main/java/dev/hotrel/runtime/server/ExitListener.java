package dev.hotrel.runtime.server;

/** Told when a server's incarnation ends by itself (a crash or a {@code ServerStop}). */
@FunctionalInterface
public interface ExitListener {

    /**
     * @param server the server, now {@link ServerStatus#DOWN}
     * @param reason why it went down
     * @param normal whether it stopped with reason {@code "normal"}
     */
    void exited(ServerProcess server, String reason, boolean normal);
}
