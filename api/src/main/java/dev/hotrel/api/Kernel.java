package dev.hotrel.api;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.TimeUnit;

/**
 * What the node provides behind {@link Hotrel}. Package-private: applications can neither call nor
 * implement it. The runtime binds its node through its own class in this package
 * ({@code NodeBinding}, which is in the runtime's jar, not in {@code hotrel-api}).
 */
interface Kernel {

    Object call(String server, Object request, long timeout, TimeUnit unit);

    void cast(String server, Object message);

    void send(String server, Object message);

    boolean exists(String server);

    String self();

    dev.hotrel.api.TimerRef sendAfter(long delay, TimeUnit unit, Object message);

    dev.hotrel.api.ReplyTo replyTo();

    void continueWith(Object continuation);

    dev.hotrel.api.MonitorRef monitor(String server);

    void watchWritable(SelectableChannel channel, Object tag);

    void watch(SelectableChannel channel, Object tag);

    void unwatch(SelectableChannel channel);
}
