package dev.hotrel.mbeans.http;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import com.sun.net.httpserver.Authenticator;
import dev.hotrel.mbeans.access.ManagementAccess;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jolokia 2 agent, in process: HTTP (or HTTPS) on {@code 127.0.0.1:8778} by default, with basic
 * authentication against the node's management users on every request, loopback included
 * ({@link HttpLogin}), the node's {@link JolokiaAccess} policy per role, and the JSR-160 proxy
 * disabled. Without authentication (the node's opt-out) only on loopback; beyond loopback only with
 * explicitly configured credentials ({@link ManagementAccess#explicit()}).
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
     * @param access who may call it (from {@link ManagementAccess#resolve})
     * @throws IllegalArgumentException for a bad address, a non-loopback bind without explicit
     *         credentials, or an unreadable keystore password file
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static JolokiaEndpoint start(Config config, String agentId, ManagementAccess access) {
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

        if (!isLoopback(host)) {
            if (!access.required()) {
                throw new IllegalArgumentException("refusing to expose Jolokia on " + hostPort + " without credentials "
                        + "(--no-auth is for loopback only): drop --no-auth and give --jolokia-users FILE, or bind to 127.0.0.1");
            }
            if (!access.explicit()) {
                throw new IllegalArgumentException("refusing to expose Jolokia on " + hostPort
                        + " without credentials configured for it: give --jolokia-users FILE (e.g. the generated "
                        + "conf/jolokia.users) or --jolokia-user and --jolokia-password-file, or bind to 127.0.0.1");
            }
        }
        Authenticator login = access.required() ? new HttpLogin(access.users()) : HttpLogin.open();
        config.getPath(ConfigKey.JOLOKIA_KEYSTORE).ifPresent(keystore -> {
            Path pw = config.getPath(ConfigKey.JOLOKIA_KEYSTORE_PASSWORD_FILE).orElseThrow(() ->
                    new IllegalArgumentException("an HTTPS keystore needs --jolokia-keystore-password-file"));
            settings.put("protocol", "https");
            settings.put("keystore", keystore.toString());
            settings.put("keystorePassword", ManagementAccess.firstLine(pw, "keystore password file"));
            settings.put("keyStoreType", "PKCS12");
        });
        try {
            JolokiaServer server = new JolokiaServer(new JolokiaServerConfig(settings, SystemPropertyMode.NEVER) {
                @Override
                public Authenticator getAuthenticator() {
                    return login; // ours, with roles, instead of Jolokia's single user and password
                }
            });
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
}
