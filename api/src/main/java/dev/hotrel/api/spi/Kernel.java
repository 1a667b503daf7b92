package dev.hotrel.api.spi;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.TimeUnit;

/**
 * What the runtime provides behind {@link dev.hotrel.api.Hotrel}. Applications do not implement
 * or call this; it is public only because the facade and the runtime live in different packages.
 */
public interface Kernel {

    Object call(String server, Object request, long timeout, TimeUnit unit);

    void cast(String server, Object message);

    void send(String server, Object message);

    boolean exists(String server);

    String self();

    void sendAfter(long delay, TimeUnit unit, Object message);

    void watch(SelectableChannel channel, Object tag);

    void unwatch(SelectableChannel channel);
}
