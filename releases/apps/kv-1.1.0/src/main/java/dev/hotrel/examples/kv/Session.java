package dev.hotrel.examples.kv;

import java.nio.channels.SocketChannel;

/** One client connection of the store: the live channel and the start of a line not complete yet. */
final class Session {
    SocketChannel channel;
    /**
     * The bytes of an unfinished line, one char per byte (ISO-8859-1): a UTF-8 character split
     * between two reads is decoded only once its line is complete. A JDK string, so it crosses a
     * code change as it is.
     */
    String pending = "";
}
