package dev.hotrel.bench.counter;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** The line server's state: its server socket and its clients, handed to the next version open. */
public final class LineState {
    ServerSocketChannel channel;
    List<SocketChannel> clients = new ArrayList<>();
}
