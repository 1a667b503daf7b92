package dev.hotrel.mbeans;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port on the loopback interface that nothing listens on right now, for a node or a service a test starts. */
public final class LoopbackPort {

    private LoopbackPort() {
    }

    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
