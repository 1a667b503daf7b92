package dev.hotrel.mbeans.http;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jolokia 2 agent, in process: HTTP (or HTTPS) on {@code 127.0.0.1:8778} by default, with the
 * node's {@link JolokiaAccess} policy, the JSR-160 proxy disabled, and basic authentication when
 * credentials are given. Binding beyond loopback without credentials is refused.
 */
public final class JolokiaEndpoint implements AutoCloseable {

    /** Held strongly: java.util.logging forgets a logger's level once nobody references it. */
    private static final java.util.logging.Logger JOLOKIA_LOG = java.util.logging.Logger.getLogger("org.jolokia");

    static {
        JOLOKIA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final JolokiaServer server;
    private final String url;

    private JolokiaEndpoint(JolokiaServer server) {
        this.server = server;
        this.url = server.getUrl();
    }

    /**
     * Starts the agent as {@code config} says.
     *
     * @throws IllegalArgumentException for a bad address, a non-loopback bind without credentials,
     *         or an unreadable password file
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static JolokiaEndpoint start(Config config, String agentId) {
        String hostPort = config.require(ConfigKey.JOLOKIA);
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("bad Jolokia address '" + hostPort + "' (expected HOST:PORT, e.g. 127.0.0.1:8778)");
        }
        String host = hostPort.substring(0, colon);
        String port = hostPort.substring(colon + 1);
        Map<String, String> settings = new HashMap<>();
        settings.put("host", host);
        settings.put("port", port);
        settings.put("agentContext", "/jolokia");
        settings.put("agentId", agentId);
        settings.put("restrictorClass", JolokiaAccess.class.getName());
        settings.put("disabledServices", "org.jolokia.service.jsr160.Jsr160RequestHandler");
        settings.put("discoveryEnabled", "false");
        settings.put("executor", "fixed");
        settings.put("threadNr", "4");
        settings.put("includeStackTrace", "false");
        // Through java.util.logging (warnings and errors only, see below), not "I> ..." lines on stdout.
        settings.put("logHandlerClass", "org.jolokia.server.core.service.impl.JulLogHandler");

        String user = config.get(ConfigKey.JOLOKIA_USER).orElse(null);
        Path passwordFile = config.getPath(ConfigKey.JOLOKIA_PASSWORD_FILE).orElse(null);
        if ((user == null) != (passwordFile == null)) {
            throw new IllegalArgumentException("Jolokia credentials need both --jolokia-user and --jolokia-password-file");
        }
        if (user == null && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to expose Jolokia on " + hostPort
                    + " without credentials: give --jolokia-user and --jolokia-password-file, or bind to 127.0.0.1");
        }
        if (user != null) {
            settings.put("user", user);
            settings.put("password", firstLine(passwordFile, "Jolokia password file"));
        }
        config.getPath(ConfigKey.JOLOKIA_KEYSTORE).ifPresent(keystore -> {
            Path pw = config.getPath(ConfigKey.JOLOKIA_KEYSTORE_PASSWORD_FILE).orElseThrow(() ->
                    new IllegalArgumentException("an HTTPS keystore needs --jolokia-keystore-password-file"));
            settings.put("protocol", "https");
            settings.put("keystore", keystore.toString());
            settings.put("keystorePassword", firstLine(pw, "keystore password file"));
            settings.put("keyStoreType", "PKCS12");
        });
        try {
            JolokiaServer server = new JolokiaServer(new JolokiaServerConfig(settings, SystemPropertyMode.NEVER));
            server.start();
            return new JolokiaEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Jolokia on " + hostPort + ": " + e.getMessage(), e);
        }
    }

    /** The agent's URL, e.g. {@code http://127.0.0.1:8778/jolokia/}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IllegalStateException e) {
            // Stopping from a shutdown hook: Jolokia cannot remove its own hook then; nothing is lost.
        }
    }

    static boolean isLoopback(String host) {
        try {
            return List.of(InetAddress.getAllByName(host)).stream().allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown Jolokia host '" + host + "'", e);
        }
    }

    private static String firstLine(Path file, String what) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException(what + " " + file + " is empty");
            }
            return lines.get(0).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
