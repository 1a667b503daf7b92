package dev.hotrel.mbeans.node;

import dev.hotrel.mbeans.access.JmxAccess;
import dev.hotrel.mbeans.access.JmxLogin;
import dev.hotrel.mbeans.access.ManagementAccess;
import dev.hotrel.mbeans.access.ManagementPolicy;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.rmi.ssl.SslRMIServerSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The JMX RMI connector for a remote JConsole or VisualVM: off unless a port is given. Registry and
 * connector share the one port. Bound to loopback unless a host is given. TLS on request, with the
 * JVM's keystore settings ({@code javax.net.ssl.keyStore}...). Local attach (JConsole's "Local
 * Process", same OS user) needs none of this, as the JDK has it.
 *
 * <p>Part of the management surface, so it asks for the same credentials as Jolokia, loopback
 * included: the node's management users and roles ({@link JmxLogin}; JConsole's Username and
 * Password), or, with {@code --jmx-password-file}, a JDK-format password file ({@code user password}
 * lines, checked by the JDK, every user a deployer). Either way every call passes the node's
 * {@link ManagementPolicy} ({@link JmxAccess}): an observer reads, a deployer installs, nobody reads
 * {@code SystemProperties} or calls diagnostic commands. Without authentication (the node's opt-out)
 * only on loopback; beyond loopback only with explicit credentials.
 */
public final class JmxRemote implements AutoCloseable {

    private final JMXConnectorServer server;
    private final Registry registry;
    private final String url;

    private JmxRemote(JMXConnectorServer server, Registry registry, String url) {
        this.server = server;
        this.registry = registry;
        this.url = url;
    }

    /**
     * @param host where to listen; loopback unless told otherwise
     * @param port the registry and connector port (0 picks a free one)
     * @param passwordFile a JDK-format password file ({@code user password} lines), or null for the node's users
     * @param ssl whether to use TLS
     * @param access the node's management users (or none, the opt-out)
     * @throws IllegalArgumentException for a non-loopback host without explicit credentials
     */
    public static JmxRemote start(MBeanServer mbeans, String host, int port, Path passwordFile, boolean ssl,
                                  ManagementAccess access) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("unknown JMX host '" + host + "'", e);
        }
        if (!address.isLoopbackAddress() && passwordFile == null && !access.explicit()) {
            throw new IllegalArgumentException("refusing to open JMX on " + host + ":" + port
                    + " without credentials configured for it: give --jmx-password-file or --jolokia-users FILE, "
                    + "or keep it on loopback");
        }
        if (passwordFile != null && !Files.isReadable(passwordFile)) {
            throw new IllegalArgumentException("cannot read JMX password file " + passwordFile);
        }
        try {
            RMIServerSocketFactory serverSockets = ssl ? new SslRMIServerSocketFactory() : new BoundServerSockets(address);
            RMIClientSocketFactory clientSockets = ssl ? new SslRMIClientSocketFactory() : null;
            int actualPort = port == 0 ? freePort(address) : port;
            Registry registry = LocateRegistry.createRegistry(actualPort, clientSockets, serverSockets);
            Map<String, Object> env = new HashMap<>();
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
            if (clientSockets != null) {
                env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
                env.put("com.sun.jndi.rmi.factory.socket", clientSockets);
            }
            if (passwordFile != null) {
                env.put("jmx.remote.x.password.file", passwordFile.toString());
            } else {
                env.put(JMXConnectorServer.AUTHENTICATOR, new JmxLogin(access.users()));
            }
            String hostName = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + hostName + ":" + actualPort
                    + "/jndi/rmi://" + hostName + ":" + actualPort + "/jmxrmi");
            // The stub is bound into the registry object itself, not through JNDI: that bind was an RMI call from
            // the node to its own registry, whose connection threads then sat in native code until the JVM's exit
            // waited some 300 ms for them (a node with JMX took 350-400 ms from SIGTERM to exit, 30-60 without).
            javax.management.remote.rmi.RMIJRMPServerImpl connector =
                    new javax.management.remote.rmi.RMIJRMPServerImpl(actualPort, clientSockets, serverSockets, env);
            JMXConnectorServer server = new javax.management.remote.rmi.RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + hostName + ":" + actualPort), env, connector, mbeans);
            server.setMBeanServerForwarder(JmxAccess.forwarder());
            server.start();
            try {
                registry.bind("jmxrmi", connector.toStub());
            } catch (java.rmi.AlreadyBoundException e) {
                throw new IllegalStateException("a new registry already holds jmxrmi", e);
            }
            return new JmxRemote(server, registry, url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open JMX on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The service URL a JConsole connects to. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // Clients see the connection close either way.
        }
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, address)) {
            return s.getLocalPort();
        }
    }

    /** Server sockets on one address only (RMI's default binds every interface). */
    private record BoundServerSockets(InetAddress address) implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, address);
        }
    }

}
