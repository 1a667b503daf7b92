package dev.hotrel.api;

import java.nio.channels.SelectableChannel;

/**
 * Delivered to {@link Server#info} once a channel watched with {@link Hotrel#watchWritable} can
 * take more bytes. One-shot, like {@link ChannelReady}: write what the channel takes, and if some is
 * left, watch for writability again. So a server never waits on a slow reader: it keeps what the
 * peer has not taken yet in its state and goes on serving its other messages.
 *
 * <p>It goes to the server, not to the incarnation that watched, as {@link ChannelReady} does: check
 * that the channel is one the state holds (and is open) before writing to it.
 *
 * @param channel the channel that can be written
 * @param tag the tag given to {@link Hotrel#watchWritable}
 */
public record ChannelWritable(SelectableChannel channel, Object tag) {
}
