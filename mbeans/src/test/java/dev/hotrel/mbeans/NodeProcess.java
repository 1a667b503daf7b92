package dev.hotrel.mbeans;

import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.unpack.ReleaseUnpacker;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real node JVM ({@code hotrel-node}) on a release root made from the fixture archives, with its
 * console captured: what an operator starts, started the same way. Public, and shipped in this
 * module's test jar, for the end-to-end tests of the example releases.
 *
 * <p>Credentials: a root without management users gets the fixtures' ({@link TestUsers#seed})
 * before the node starts, so {@link Jolokia}, {@link #jmx()} and the in-process CLI reach it as the
 * deployer without being told; a node started with {@code --jolokia-user U --jolokia-password-file F}
 * is reached as that user ({@link #user}, {@link #password}). {@link #startUnseeded} leaves the root
 * as it is, for tests of the password a node generates.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern JOLOKIA = Pattern.compile("Jolokia (\\S+?)/?(;|$)");
    private static final Pattern JMX = Pattern.compile("JMX (service:jmx:\\S+?)(;|$)");

    public final Path root;
    public final Process process;
    public final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Thread reader;
    public String jolokiaUrl;
    public String jmxUrl;
    /** Who the fixtures reach this node as (null with --no-auth). */
    public String user;
    public String password;

    private NodeProcess(Path root, List<String> jvmOptions, List<String> args) throws IOException {
        this(root, List.of(), jvmOptions, args);
    }

    private NodeProcess(Path root, List<String> launcher, List<String> jvmOptions, List<String> args) throws IOException {
        this.root = root;
        String[] credentials = credentials(root, args);
        this.user = credentials[0];
        this.password = credentials[1];
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.security=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.hotrel.mbeans.node.HotrelNode", "--root", root.toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("hotrel-node: running")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            ready.complete(null);
        }, "node-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** A new root (permanent demo-1.0.0; 1.1.0 and 2.0.0 archives in its inbox) and a node started on it. */
    public static NodeProcess start(Path dir, String... args) throws Exception {
        return start(dir, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with options for the node's JVM (system properties, say). */
    public static NodeProcess start(Path dir, List<String> jvmOptions, String... args) throws Exception {
        return startOn(makeRoot(dir), jvmOptions, args);
    }

    /** {@code dir/root}: permanent demo-1.0.0, the 1.1.0 and 2.0.0 archives in its inbox, no management users yet. */
    public static Path makeRoot(Path dir) throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.archive("1.0.0"), ArchiveLimits.DEFAULT, Progress.NONE);
        for (String v : new String[] {"1.1.0", "2.0.0"}) {
            Path archive = FixtureReleases.archive(v);
            Files.copy(archive, root.resolve("inbox").resolve(archive.getFileName()));
        }
        return root;
    }

    /** A node started on an existing root (given the fixtures' users if it has none); waits for its "running" line. */
    public static NodeProcess startOn(Path root, String... args) throws Exception {
        return startOn(root, List.of(), args);
    }

    /** As {@link #startOn(Path, String...)}, with options for the node's JVM (system properties, say). */
    public static NodeProcess startOn(Path root, List<String> jvmOptions, String... args) throws Exception {
        return startOn(root, List.of(), jvmOptions, args);
    }

    /**
     * As {@link #startOn(Path, List, String...)}, the java command run by {@code launcher} (a command
     * that runs its arguments: {@code bash -c 'ulimit -f 20 && exec "$@"' bash}, say).
     */
    public static NodeProcess startOn(Path root, List<String> launcher, List<String> jvmOptions, String... args)
            throws Exception {
        TestUsers.seed(root);
        return started(new NodeProcess(root, launcher, jvmOptions, List.of(args)));
    }

    /** A node on an existing root as it is: a root without users gets the node's generated ones. */
    public static NodeProcess startUnseeded(Path root, String... args) throws Exception {
        NodeProcess node = started(new NodeProcess(root, List.of(), List.of(args)));
        Path generated = root.resolve("conf").resolve("jolokia.password");
        if (node.user != null && !List.of(args).contains("--jolokia-user")
                && Files.exists(generated)) {
            node.user = "hotrel";
            node.password = Files.readAllLines(generated).get(0).trim();
        }
        return node;
    }

    private static NodeProcess started(NodeProcess node) throws Exception {
        String line = node.ready.get(60, TimeUnit.SECONDS);
        if (line == null) {
            node.process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("node did not start:\n" + String.join("\n", node.output));
        }
        Matcher j = JOLOKIA.matcher(line);
        node.jolokiaUrl = j.find() ? j.group(1) : null;
        Matcher m = JMX.matcher(line);
        node.jmxUrl = m.find() ? m.group(1) : null;
        return node;
    }

    /** Starts a node that is expected to fail; returns its exit code once it ended. */
    static int startFailing(Path root, List<String> console, String... args) throws Exception {
        TestUsers.seed(root);
        return startFailingUnseeded(root, console, args);
    }

    /** As {@link #startFailing}, on the root as it is. */
    static int startFailingUnseeded(Path root, List<String> console, String... args) throws Exception {
        NodeProcess node = new NodeProcess(root, List.of(), List.of(args));
        if (!node.process.waitFor(60, TimeUnit.SECONDS)) {
            node.process.destroyForcibly();
            throw new IllegalStateException("node did not exit:\n" + String.join("\n", node.output));
        }
        node.ready.get(10, TimeUnit.SECONDS);
        node.reader.join(10_000);
        console.addAll(node.output);
        return node.process.exitValue();
    }

    /** JMX as {@link #user} (anonymous with --no-auth). */
    JMXConnector jmx() throws IOException {
        return user == null ? JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl))
                : jmx(user, password);
    }

    JMXConnector jmx(String asUser, String withPassword) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl),
                java.util.Map.of(JMXConnector.CREDENTIALS, new String[] {asUser, withPassword}));
    }

    /** Jolokia HTTP as {@link #user}. */
    public Jolokia jolokia() {
        return user == null ? Jolokia.anonymous(jolokiaUrl) : new Jolokia(jolokiaUrl, user, password);
    }

    /**
     * Who the fixtures reach a node as: {@code --jolokia-user} with its password file, nobody with
     * {@code --no-auth}, else the root's generated user, else the fixtures' deployer.
     */
    private static String[] credentials(Path root, List<String> args) throws IOException {
        if (args.contains("--no-auth")) {
            return new String[2];
        }
        int u = args.indexOf("--jolokia-user");
        int p = args.indexOf("--jolokia-password-file");
        if (u >= 0 && p >= 0) {
            return new String[] {args.get(u + 1), Files.readAllLines(Path.of(args.get(p + 1))).get(0).trim()};
        }
        return new String[] {TestUsers.DEPLOYER, TestUsers.DEPLOYER_PASSWORD};
    }

    static MBeanServerConnection connection(JMXConnector connector) throws IOException {
        return connector.getMBeanServerConnection();
    }

    /** SIGTERM, then waits for the exit code. */
    public int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the node's console.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not stop on SIGTERM:\n" + String.join("\n", output));
        }
        reader.join(10_000); // the console up to its last line
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
