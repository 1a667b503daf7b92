package dev.hotrel.runtime.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.hotrel.api.ChannelReady;
import dev.hotrel.api.ChannelWritable;

/**
 * Waits on channels for servers, so that no server ever blocks in a read: the runtime's side of
 * {@code Hotrel.watch}, {@code Hotrel.watchWritable} and {@code Hotrel.unwatch}. One selector thread
 * per node. Interest is one-shot (OTP's {@code {active, once}}), for reading and for writing
 * separately: when a channel is ready its interest is cleared and a {@link ChannelReady} (or a
 * {@link ChannelWritable}) goes to the server's mailbox — to the server, not to a callback instance, so
 * a watch made by old code is answered to new code after a code change.
 *
 * <p>Releasing channels. The JDK does not really close a channel that is registered with a
 * selector: its socket stays open, and a server socket stays bound to its port, until that selector
 * deregisters the cancelled key, which it does only in its next select. A selector that waits for
 * nothing would hold a closed listener's port for ever, and the listener's supervisor could not
 * start it again on that port. So
 * <ul>
 *   <li>{@link #unwatch} and {@link #release} (a server's incarnation ended) cancel the keys and
 *       return only once the selector thread has deregistered them (waiting at most
 *       {@link #RELEASE_TIMEOUT_MILLIS}): a channel closed after, or by the server's
 *       {@code terminate} before, is closed for real by then;</li>
 *   <li>a channel a server closes while it is still watched is released within
 *       {@link #FLUSH_MILLIS}: while any channel is registered the selector never waits longer.</li>
 * </ul>
 * Every change to the registrations runs on the selector thread, in the order asked, so a watch
 * asked after an unwatch is never undone by it.
 */
public final class ChannelWatcher implements AutoCloseable {

    /** The longest a channel closed while watched keeps its socket (and port). */
    static final long FLUSH_MILLIS = 100;
    /** The longest a release waits for the selector thread before it gives up (and logs why). */
    static final long RELEASE_TIMEOUT_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger("dev.hotrel.node");
    private static final int INTEREST = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;

    /**
     * A key's attachment: who watches the channel, and the tags of the armed watches, one for
     * reading (or accepting) and one for writing, each one-shot and independent. Selector thread only.
     */
    private static final class Watch {
        ServerProcess server;
        Object readTag;
        boolean readArmed;
        Object writeTag;
        boolean writeArmed;

        int interest(SelectableChannel channel) {
            return (readArmed ? channel.validOps() & INTEREST : 0) | (writeArmed ? SelectionKey.OP_WRITE : 0);
        }
    }

    private sealed interface Request permits Arm, Release {
    }

    /** Arms a watch: for writing if {@code write}, else for reading (or accepting). */
    private record Arm(SelectableChannel channel, Object tag, ServerProcess server, boolean write) implements Request {
    }

    /** Deregisters every key whose channel or watch matches; {@code done} once they are gone. */
    private record Release(String what, Predicate<SelectionKey> which, CountDownLatch done) implements Request {
    }

    private final Selector selector;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
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
     * acceptable. A closed channel is never reported. The server becomes the channel's owner: its
     * channels are released when its incarnation ends ({@link #release}).
     *
     * @throws IllegalArgumentException if the channel is blocking or supports neither read nor accept
     */
    public void watch(SelectableChannel channel, Object tag, ServerProcess server) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("watch needs a non-blocking channel: call configureBlocking(false) on " + channel);
        }
        if ((channel.validOps() & INTEREST) == 0) {
            throw new IllegalArgumentException("channel " + channel + " can be neither read nor accepted from");
        }
        requests.add(new Arm(channel, tag, server, false));
        selector.wakeup();
    }

    /**
     * Delivers one {@link ChannelWritable} to {@code server} when {@code channel} can take more bytes;
     * independent of a read watch on the same channel. Otherwise as {@link #watch}.
     *
     * @throws IllegalArgumentException if the channel is blocking or cannot be written
     */
    public void watchWritable(SelectableChannel channel, Object tag, ServerProcess server) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("watchWritable needs a non-blocking channel: call configureBlocking(false) on " + channel);
        }
        if ((channel.validOps() & SelectionKey.OP_WRITE) == 0) {
            throw new IllegalArgumentException("channel " + channel + " cannot be written");
        }
        requests.add(new Arm(channel, tag, server, true));
        selector.wakeup();
    }

    /**
     * Stops watching {@code channel} and deregisters it from the selector. When this returns, no
     * {@link ChannelReady} for it is delivered that was not already queued, and closing it releases
     * its socket at once. Idempotent; a channel never watched is ignored.
     */
    public void unwatch(SelectableChannel channel) {
        releaseAndWait("channel " + channel, key -> key.channel() == channel);
    }

    /**
     * Deregisters every channel {@code server} watches: its incarnation ended (crash, terminate,
     * stop), and what that incarnation watched is not the next one's. Called after the ending
     * incarnation's {@code terminate}, before its supervisor hears of the exit, so that a restart
     * finds the ports closed there free. Never throws.
     */
    public void release(ServerProcess server) {
        try {
            releaseAndWait("the channels of " + server.name(),
                    key -> key.attachment() instanceof Watch w && w.server == server);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the channels of " + server + ": " + e);
        }
    }

    private void releaseAndWait(String what, Predicate<SelectionKey> which) {
        Release release = new Release(what, which, new CountDownLatch(1));
        if (closed) {
            return;
        }
        requests.add(release);
        selector.wakeup();
        if (Thread.currentThread() == thread) {
            // The selector thread runs no server code; should it ever ask, waiting on itself would
            // hang: the request is served before its loop waits again.
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RELEASE_TIMEOUT_MILLIS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long left = deadline - System.nanoTime();
                    if (!release.done().await(left, TimeUnit.NANOSECONDS) && !closed) {
                        LOG.log(System.Logger.Level.WARNING, "the node's selector did not release " + what + " within "
                                + RELEASE_TIMEOUT_MILLIS + " ms; a port closed now may stay bound a little longer");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // kept for the caller; the wait stays bounded by the deadline
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (selector.keys().isEmpty()) {
                    selector.select();
                } else {
                    // Bounded, so that a channel closed while watched has its key deregistered soon.
                    selector.select(FLUSH_MILLIS);
                }
                handleRequests();
                deliverReady();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "channel watcher: " + e);
            }
        }
        finishReleases();
    }

    private void handleRequests() throws IOException {
        Request r;
        while ((r = requests.poll()) != null) {
            if (r instanceof Arm arm) {
                arm(arm);
            } else if (r instanceof Release release) {
                deregister(release);
            }
        }
    }

    private void arm(Arm arm) throws IOException {
        SelectionKey key = arm.channel().keyFor(selector);
        if (key != null && !key.isValid()) {
            selector.selectNow(); // the channel was closed and cancelled: flush it before anything else
            key = null;
        }
        try {
            if (key == null) {
                key = arm.channel().register(selector, 0, new Watch());
            }
            Watch w = (Watch) key.attachment();
            if (w.server != arm.server()) {
                // The channel moves to another server: the old owner's armed watches are not the new one's.
                w.readArmed = false;
                w.readTag = null;
                w.writeArmed = false;
                w.writeTag = null;
            }
            w.server = arm.server();
            if (arm.write()) {
                w.writeTag = arm.tag();
                w.writeArmed = true;
            } else {
                w.readTag = arm.tag();
                w.readArmed = true;
            }
            key.interestOps(w.interest(arm.channel()));
        } catch (ClosedChannelException | CancelledKeyException e) {
            // Closed before we got to it: there is nothing to report.
        }
    }

    private void deregister(Release release) throws IOException {
        try {
            boolean cancelled = false;
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.isValid() && release.which().test(key)) {
                    key.attach(null); // no tag (maybe old code's) stays reachable from the selector
                    key.cancel();
                    cancelled = true;
                }
            }
            if (cancelled) {
                selector.selectNow(); // deregisters the cancelled keys now; a closed channel's socket closes here
            }
        } finally {
            release.done().countDown();
        }
    }

    private void deliverReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!(key.attachment() instanceof Watch w)) {
                continue;
            }
            int ready;
            try {
                ready = key.readyOps();
            } catch (CancelledKeyException e) {
                continue;
            }
            Object readTag = null;
            Object writeTag = null;
            boolean readable = w.readArmed && (ready & INTEREST) != 0;
            boolean writable = w.writeArmed && (ready & SelectionKey.OP_WRITE) != 0;
            if (readable) {
                readTag = w.readTag;
                w.readArmed = false;
                w.readTag = null; // a fired watch keeps no tag (maybe old code's) alive
            }
            if (writable) {
                writeTag = w.writeTag;
                w.writeArmed = false;
                w.writeTag = null;
            }
            try {
                key.interestOps(w.interest(key.channel()));
            } catch (CancelledKeyException e) {
                continue;
            }
            try {
                if (readable) {
                    w.server.send(new ChannelReady(key.channel(), readTag));
                }
                if (writable) {
                    w.server.send(new ChannelWritable(key.channel(), writeTag));
                }
            } catch (RuntimeException e) {
                // The server stopped for good; its channels are its own business.
            }
        }
    }

    /** Nobody waits on a release once the watcher is closed. */
    private void finishReleases() {
        Request r;
        while ((r = requests.poll()) != null) {
            if (r instanceof Release release) {
                release.done().countDown();
            }
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
        finishReleases();
    }
}
