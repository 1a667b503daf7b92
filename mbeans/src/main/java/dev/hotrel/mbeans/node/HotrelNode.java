package dev.hotrel.mbeans.node;

import dev.hotrel.config.Config;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.mbeans.NodeMBeans;
import dev.hotrel.mbeans.access.ManagementAccess;
import dev.hotrel.mbeans.access.ManagementUsers;
import dev.hotrel.mbeans.access.Role;
import dev.hotrel.mbeans.http.JolokiaEndpoint;
import dev.hotrel.release.AppRef;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.Node;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.node.NodeArchives;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code hotrel-node --root DIR}: boots the root's permanent release (or, once, the release an
 * install marked to boot next), registers the management MBeans, starts Jolokia (and the JMX
 * connector when asked), prints one line saying what runs and where it listens, logs lifecycle
 * events, and on SIGTERM stops cleanly: Jolokia and JMX first, then the applications in reverse
 * start order.
 *
 * <p>Exit codes: 0 or 143 after a stop (SIGTERM), 1 when the node cannot start, and
 * {@value SelfRestart#EXIT_CODE} after the same clean stop when an installed release asked for a
 * node restart: the launcher {@code bin/hotrel-node} then starts this JVM again, with the same
 * arguments, and it boots that release.
 */
@Command(name = "hotrel-node", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a Hotrel node on a release root: boots its permanent release and serves JMX and Jolokia.",
                "Exits with code " + SelfRestart.EXIT_CODE + " to be started again when an installed release asks for a node "
                        + "restart (bin/hotrel-node does that)."})
public final class HotrelNode implements Callable<Integer> {

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The release root to boot (see 'hotrel init').")
    Path root;

    @Option(names = "--jolokia", paramLabel = "HOST:PORT", description = "Where Jolokia listens (default 127.0.0.1:8778; port 0 picks one).")
    String jolokia;

    @Option(names = "--no-jolokia", description = "Do not start Jolokia.")
    boolean noJolokia;

    @Option(names = "--jolokia-users", paramLabel = "FILE", description = {"Management users file (USER:ROLE:HASH lines) for "
            + "Jolokia and JMX; default ROOT/conf/jolokia.users, generated at the first start with the user hotrel, whose "
            + "password goes to ROOT/conf/jolokia.password. Given explicitly, it allows binding beyond loopback."})
    Path jolokiaUsers;

    @Option(names = "--jolokia-user", paramLabel = "USER", description = "One management user (a deployer) instead of the users file.")
    String jolokiaUser;

    @Option(names = "--jolokia-password-file", paramLabel = "FILE", description = "File whose first line is --jolokia-user's password.")
    Path jolokiaPasswordFile;

    @Option(names = "--no-auth", description = {"Ask nobody for credentials on Jolokia and JMX (loopback only; logged as a "
            + "warning): whoever reaches the port can install code."})
    boolean noAuth;

    @Option(names = "--add-user", paramLabel = "USER", description = {"Add (or change) a management user in the users file "
            + "with --role and --password-file, then exit."})
    String addUser;

    @Option(names = "--role", paramLabel = "ROLE", description = "observer (reads) or deployer (reads, uploads, installs); for --add-user.")
    String role;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password; for --add-user.")
    Path passwordFile;

    @Option(names = "--jolokia-keystore", paramLabel = "FILE", description = "PKCS12 keystore: serve HTTPS.")
    Path jolokiaKeystore;

    @Option(names = "--jolokia-keystore-password-file", paramLabel = "FILE", description = "File whose first line is the keystore password.")
    Path jolokiaKeystorePasswordFile;

    @Option(names = "--jmx-port", paramLabel = "N", description = "Open a JMX RMI connector on this port (0 picks one; off by default).")
    Integer jmxPort;

    @Option(names = "--jmx-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Where the JMX connector listens (default ${DEFAULT-VALUE}).")
    String jmxHost;

    @Option(names = "--jmx-password-file", paramLabel = "FILE", description = "JMX password file (required beyond loopback).")
    Path jmxPasswordFile;

    @Option(names = "--jmx-ssl", description = "Use TLS for JMX (the JVM's javax.net.ssl.* settings).")
    boolean jmxSsl;

    @Option(names = "--suspend-timeout", paramLabel = "MS", description = "Default time a server may take to finish its message when suspended.")
    Long suspendTimeout;

    public static void main(String[] args) {
        // One line per log record, before any logger exists: the console is read by people.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %5$s%6$s%n");
        CommandLine cli = new CommandLine(new HotrelNode());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("hotrel-node: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("hotrel.verbose")) {
                e.printStackTrace();
            }
            return 1;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        Config config = Config.of(explicit());
        if (addUser != null) {
            return addUser(config);
        }
        long serverMBeans = config.getLong(ConfigKey.SERVER_MBEANS); // not a number: refused before anything boots
        ReleaseRoot releaseRoot = ReleaseRoot.open(root);
        // Before anything boots: wrong credentials settings stop the node before it runs any application.
        ManagementAccess access = ManagementAccess.resolve(config, releaseRoot.dir(), System.out);
        Node node = Node.start();
        List<AutoCloseable> open = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            ReleaseHandler handler = ReleaseHandler.boot(node, releaseRoot,
                    new NodeArchives(ArchiveLimits.DEFAULT.withMaxEntrySize(config.getLong(ConfigKey.MAX_ENTRY_SIZE))), config);
            handler.setNodeRestart(new SelfRestart(System.out));
            EventLog log = new EventLog(System.out);
            handler.addListener(log);
            node.addListener(log);
            open.add(NodeMBeans.register(handler, ManagementFactory.getPlatformMBeanServer(), serverMBeans));
            handler.practise(practice -> {
                EventLog nowhere = new EventLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                practice.addListener(nowhere);
                practice.node().addListener(nowhere);
                return NodeMBeans.register(practice, javax.management.MBeanServerFactory.newMBeanServer(), serverMBeans);
            });
            String pid = String.valueOf(ProcessHandle.current().pid());
            StringBuilder where = new StringBuilder();
            if (!access.required()) {
                System.out.println("hotrel-node: WARNING: --no-auth: Jolokia and JMX ask NO credentials; anyone who can "
                        + "reach their ports on this machine can install and run code in this node. Drop --no-auth to "
                        + "require the users of " + ManagementUsers.usersFile(releaseRoot.dir()) + ".");
            }
            if (config.getBoolean(ConfigKey.JOLOKIA_ENABLED)) {
                JolokiaEndpoint endpoint = JolokiaEndpoint.start(config, "hotrel-" + pid, access);
                open.add(endpoint);
                where.append("; Jolokia ").append(endpoint.url());
            }
            int jmx = config.getInt(ConfigKey.JMX_PORT);
            if (jmxPort != null) {
                JmxRemote remote = JmxRemote.start(ManagementFactory.getPlatformMBeanServer(), jmxHost, jmx,
                        config.getPath(ConfigKey.JMX_PASSWORD_FILE).orElse(null), config.getBoolean(ConfigKey.JMX_SSL), access);
                open.add(remote);
                where.append("; JMX ").append(remote.url());
            }
            where.append("; local JMX: pid ").append(pid);
            // Before the line that tells the world the node runs: a SIGTERM from then on stops it cleanly.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("hotrel-node: stopping");
                closeAll(open);
                node.close();
                System.out.println("hotrel-node: stopped");
                System.out.flush();
                stopped.countDown();
            }, "hotrel-shutdown"));
            String trial = handler.current().equals(handler.permanent()) ? ""
                    : " as a trial (permanent: " + handler.permanent().id() + ")";
            System.out.println("hotrel-node: running " + handler.current().id() + " ("
                    + handler.current().applications().stream().map(AppRef::toString).collect(Collectors.joining(", "))
                    + ")" + trial + " from " + releaseRoot.dir() + where);
            System.out.flush();
        } catch (Exception e) {
            closeAll(open);
            node.close();
            throw e;
        }
        stopped.await();
        return 0;
    }

    /** {@code --add-user}: one line of the users file written, nothing started. */
    private int addUser(Config config) throws java.io.IOException {
        if (role == null || passwordFile == null) {
            throw new IllegalArgumentException("--add-user needs --role observer|deployer and --password-file FILE");
        }
        Path file = config.getPath(ConfigKey.JOLOKIA_USERS).orElse(ManagementUsers.usersFile(root));
        // Before the node's first start the root has no users yet: make the generated deployer first, as that start
        // would, or a root given only an observer would have no one who may deploy.
        if (config.getPath(ConfigKey.JOLOKIA_USERS).isEmpty() && ManagementUsers.generate(root)) {
            System.out.println("hotrel-node: management user " + ManagementUsers.GENERATED_USER + " (deployer) created; "
                    + "its password is in " + ManagementUsers.passwordFile(root) + " (readable by this OS user only)");
        }
        ManagementUsers.put(file, addUser, Role.of(role), ManagementAccess.firstLine(passwordFile, "password file"));
        System.out.println("hotrel-node: " + addUser + " (" + role + ") is in " + file + "; a running node reads it when it starts");
        return 0;
    }

    private Map<ConfigKey, String> explicit() {
        Map<ConfigKey, String> m = new EnumMap<>(ConfigKey.class);
        m.put(ConfigKey.ROOT, root.toString());
        put(m, ConfigKey.JOLOKIA, jolokia);
        if (noJolokia) {
            m.put(ConfigKey.JOLOKIA_ENABLED, "false");
        }
        put(m, ConfigKey.JOLOKIA_USER, jolokiaUser);
        put(m, ConfigKey.JOLOKIA_USERS, jolokiaUsers);
        if (noAuth) {
            m.put(ConfigKey.MANAGEMENT_AUTH, "false");
        }
        put(m, ConfigKey.JOLOKIA_PASSWORD_FILE, jolokiaPasswordFile);
        put(m, ConfigKey.JOLOKIA_KEYSTORE, jolokiaKeystore);
        put(m, ConfigKey.JOLOKIA_KEYSTORE_PASSWORD_FILE, jolokiaKeystorePasswordFile);
        put(m, ConfigKey.JMX_PORT, jmxPort);
        put(m, ConfigKey.JMX_PASSWORD_FILE, jmxPasswordFile);
        if (jmxSsl) {
            m.put(ConfigKey.JMX_SSL, "true");
        }
        put(m, ConfigKey.SUSPEND_TIMEOUT, suspendTimeout);
        return m;
    }

    private static void put(Map<ConfigKey, String> m, ConfigKey key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("hotrel-node: while stopping: " + e.getMessage());
            }
        }
    }
}
