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

    void sendAfter(long delay, TimeUnit unit, Object message);

    void watch(SelectableChannel channel, Object tag);

    void unwatch(SelectableChannel channel);
}
