package dev.hotrel.api;

import java.nio.channels.SelectableChannel;

/**
 * Delivered to {@link Server#info} once a channel watched with {@link Hotrel#watch} is readable
 * (or, for a server socket, has a connection to accept). Watching is one-shot, like OTP's
 * {@code {active, once}}: the server reads what is there and watches again. Because the runtime,
 * not the server, waits on the channel, a server can change code while its connections stay open.
 *
 * <p>It goes to the server, not to the incarnation that watched: one queued before a crash reaches
 * the restarted incarnation, and one queued before {@link Hotrel#unwatch} still arrives. So check
 * that the channel is one the state holds (and is open) before reading from it.
 *
 * @param channel the channel that is ready
 * @param tag the tag given to {@link Hotrel#watch}
 */
public record ChannelReady(SelectableChannel channel, Object tag) {
}
