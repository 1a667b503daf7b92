package dev.hotrel.examples.kv;

import java.nio.channels.ServerSocketChannel;

/** The listener's state: its open server socket, carried over by reference on a code change. */
final class ListenerState {
    ServerSocketChannel channel;
    String host;
    /** The port actually bound (the configured one, or the one the system picked for port 0). */
    int port;
    long accepted;
}
