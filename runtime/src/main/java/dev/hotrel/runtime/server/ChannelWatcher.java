package dev.hotrel.runtime.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.hotrel.api.ChannelReady;

/**
 * Waits on channels for servers, so that no server ever blocks in a read: the runtime's side of
 * {@code Hotrel.watch}. One selector thread per node. Interest is one-shot (OTP's
 * {@code {active, once}}): when a channel is ready its interest is cleared and a
 * {@link ChannelReady} goes to the server's mailbox — to the server, not to a callback instance, so
 * a watch made by old code is answered to new code after a code change.
 */
public final class ChannelWatcher implements AutoCloseable {

    private record Watch(SelectableChannel channel, Object tag, ServerProcess server) {
    }

    private final Selector selector;
    private final Queue<Watch> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public ChannelWatcher() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for channel watches", e);
        }
        thread = new Thread(this::loop, "hotrel-channels");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Delivers one {@link ChannelReady} to {@code server} when {@code channel} is readable or
     * acceptable. A closed channel is never reported.
     *
     * @throws IllegalArgumentException if the channel is blocking or supports neither read nor accept
     */
    public void watch(SelectableChannel channel, Object tag, ServerProcess server) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("watch needs a non-blocking channel: call configureBlocking(false) on " + channel);
        }
        if ((channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) == 0) {
            throw new IllegalArgumentException("channel " + channel + " can be neither read nor accepted from");
        }
        pending.add(new Watch(channel, tag, server));
        selector.wakeup();
    }

    private void loop() {
        while (!closed) {
            try {
                selector.select();
                registerPending();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Watch w = (Watch) key.attachment();
                    if (w == null) {
                        continue;
                    }
                    try {
                        key.interestOps(0);
                        key.attach(null); // a fired watch keeps no tag (maybe old code's) alive
                    } catch (CancelledKeyException e) {
                        continue;
                    }
                    deliver(w);
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void registerPending() {
        Watch w;
        while ((w = pending.poll()) != null) {
            int ops = w.channel().validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            try {
                w.channel().register(selector, ops, w);
            } catch (ClosedChannelException | CancelledKeyException e) {
                // Closed before we got to it: there is nothing to report.
            }
        }
    }

    private static void deliver(Watch w) {
        try {
            w.server().send(new ChannelReady(w.channel(), w.tag()));
        } catch (RuntimeException e) {
            // The server stopped for good; its channels are its own business.
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(1_000);
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
