package dev.hotrel.examples.kv;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection of the store: the live channel, the start of a line not complete yet, and
 * the replies the client has not taken yet.
 */
final class Session {
    SocketChannel channel;
    /**
     * The bytes of an unfinished line, one char per byte (ISO-8859-1): a UTF-8 character split
     * between two reads is decoded only once its line is complete. A JDK string, so it crosses a
     * code change as it is.
     */
    String pending = "";
    /**
     * Replies written only in part, oldest first: the rest goes out when the runtime says the
     * connection can take more ({@code ChannelWritable}), so a client that reads slowly never holds
     * up the others. Live JDK buffers: a code change hands them over by reference, half-written as
     * they are. (Added in 2.0.0: sessions from 1.x arrive with none; a downgrade to 1.x drops what
     * is still unsent, as 1.x writes every reply whole at once.)
     */
    List<ByteBuffer> unsent = new ArrayList<>();
    /** The client quit (or closed its side): close the connection once {@link #unsent} is written. */
    boolean closeWhenSent;
}
