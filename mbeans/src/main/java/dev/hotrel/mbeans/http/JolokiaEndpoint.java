package dev.hotrel.mbeans.http;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hotrel.mbeans.access.ManagementAccess;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.config.SystemPropertyMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
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
    private final HttpServer http;
    private final String url;

    private JolokiaEndpoint(JolokiaServer server, HttpServer http) {
        this.server = server;
        this.http = http;
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
        settings.put("includeStackTrace", "false");
        settings.put("allowErrorDetails", "false"); // no stack traces or serialized exceptions, whatever a request asks
        // Responses do not echo the request (a client may still ask with includeRequest=true): an error
        // says what was wrong with the input once, cut short, instead of returning a megabyte sent.
        settings.put("includeRequest", "false");
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
        Path keystore = config.getPath(ConfigKey.JOLOKIA_KEYSTORE).orElse(null);
        String keystorePassword = null;
        if (keystore != null) {
            Path pw = config.getPath(ConfigKey.JOLOKIA_KEYSTORE_PASSWORD_FILE).orElseThrow(() ->
                    new IllegalArgumentException("an HTTPS keystore needs --jolokia-keystore-password-file"));
            keystorePassword = ManagementAccess.firstLine(pw, "keystore password file");
            settings.put("protocol", "https"); // for the agent's URL; the server is ours, below
        }
        HttpServer http = null;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port));
            http = keystore == null ? HttpServer.create(address, 50) : https(address, keystore, keystorePassword);
            http.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "jolokia-http");
                t.setDaemon(true);
                return t;
            }));
            JolokiaServer server = new JolokiaServer(new AgentServer(http, login),
                    new JolokiaServerConfig(settings, SystemPropertyMode.NEVER), null);
            server.start();
            http.start();
            return new JolokiaEndpoint(server, http);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad Jolokia port '" + port + "' (expected HOST:PORT, e.g. 127.0.0.1:8778)");
        } catch (IOException e) {
            if (http != null) {
                http.stop(0);
            }
            throw new UncheckedIOException("cannot start Jolokia on " + hostPort + ": " + e.getMessage(), e);
        }
    }

    /** An HTTPS server with the key and certificate of a PKCS12 keystore. */
    private static HttpServer https(InetSocketAddress address, Path keystore, String password) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                keys.load(in, password.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(address, 50);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return server;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the keystore " + keystore + " for HTTPS: " + e.getMessage(), e);
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
        http.stop(0);
        if (http.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
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
