package dev.hotrel.examples.kv;

import java.util.Map;

/**
 * Where the listener listens: {@code host} and {@code port} from the release's {@code sys.json}
 * ({@code {"kv": {"host": "127.0.0.1", "port": 7070}}}). The JVM system property {@code kv.port}
 * overrides the port, so a second node or a test can run beside the demo without repacking.
 */
final class ListenAddress {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 7070;

    private ListenAddress() {
    }

    /** The listener's start argument: a JDK map, as anything handed to a server must be. */
    static Map<String, Object> fromConfig(Map<String, Object> config) {
        Object host = config.getOrDefault("host", DEFAULT_HOST);
        if (!(host instanceof String)) {
            throw new IllegalArgumentException("kv: configuration 'host' must be a string, found " + host);
        }
        String override = System.getProperty("kv.port");
        Object port = override != null ? parse(override) : config.getOrDefault("port", DEFAULT_PORT);
        if (!(port instanceof Number n) || n.intValue() < 0 || n.intValue() > 65535 || n.doubleValue() != n.intValue()) {
            throw new IllegalArgumentException("kv: configuration 'port' must be a whole number 0..65535, found " + port
                    + (override != null ? " (from -Dkv.port)" : " (from sys.json)"));
        }
        return Map.of("host", host, "port", n.intValue());
    }

    private static Object parse(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return port;
        }
    }
}
