package dev.hotrel.handler;

import dev.hotrel.runtime.FixtureJars;
import dev.hotrel.runtime.TestPaths;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Real release archives of the fixture applications, packed by the real packer from
 * {@code src/test/fixture-releases}: demo-1.0.0 (counter 1.0.0, greeter), demo-1.1.0 (counter
 * 1.1.0 with a renamed state field, greeter with new configuration), demo-2.0.0 (greeter removed,
 * metrics added), demo-1.2.0 (greeter 1.1.0, whose appup asks for a node restart); and the chat
 * family, two applications whose servers call each other synchronously: chat-1.0.0, chat-1.1.0
 * (chatcore's supervisor changes strategy and gains a subtree, its store's state changes shape both
 * ways, its configuration changes), chat-1.2.0 (chatcore's index changes a field's type with no
 * conversion written), chat-1.3.0 (built for a newer Hotrel runtime), chat-1.4.0 (chatapi 1.4.0,
 * which a test marks as compiled for a newer JDK once unpacked); listen-1.0.0 ({@link #listener()}); and
 * the gate family, releases with a health gate: gate-1.0.0 (counter alone), and from it gate-1.1.0,
 * gate-1.2.0 and gate-1.3.0, which add the application {@code health} whose server answers the gate
 * healthy, unhealthy after two seconds, and never within the gate's time (each call takes 5 s)
 * respectively. {@link #archive} takes {@code 1.1.0} for the demo family, {@code chat-1.1.0}
 * for the chat family.
 */
public final class FixtureReleases {

    private static final Path SOURCE = TestPaths.findAbove("lib", "src/test/fixture-releases",
            "release-tools/src/test/fixture-releases");
    private static final Path LIB = Paths.get("target/fixture-lib");
    private static final Path OUT = Paths.get("target/fixture-archives");
    private static final Map<String, Path> ARCHIVES = new ConcurrentHashMap<>();

    private FixtureReleases() {
    }

    public static synchronized Path archive(String version) {
        ensureBuilt();
        Path archive = ARCHIVES.get(version);
        if (archive == null) {
            throw new IllegalArgumentException("no fixture release " + version);
        }
        return archive;
    }

    /**
     * Release listen-1.0.0: the application {@code listener} alone, a TCP line server on a loopback
     * port (any) that crashes when a client sends {@code "crash"}, under a supervisor that gives up
     * at its second restart within a minute.
     */
    public static synchronized Path listener() {
        ensureBuilt();
        return ARCHIVES.get("listen-1.0.0");
    }

    private static void ensureBuilt() {
        if (ARCHIVES.isEmpty()) {
            build();
        }
    }

    private static void build() {
        try {
            copyTree(SOURCE.resolve("lib"), LIB);
            for (String app : List.of("counter-1.0.0", "counter-1.1.0", "greeter-1.0.0", "greeter-1.1.0",
                    "metrics-1.0.0", "chatcore-1.0.0", "chatcore-1.1.0", "chatcore-1.2.0", "chatapi-1.0.0", "chatapi-1.1.0",
                    "listener-1.0.0", "health-1.0.0")) {
                int dash = app.lastIndexOf('-');
                Path jar = FixtureJars.jar(app.substring(0, dash), app.substring(dash + 1));
                Files.copy(jar, LIB.resolve(app).resolve(app + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(OUT);
            pack("1.0.0", List.of());
            pack("1.1.0", List.of(SOURCE.resolve("demo-1.0.0/release.json")));
            pack("2.0.0", List.of(ARCHIVES.get("1.1.0")));
            pack("1.2.0", List.of(ARCHIVES.get("1.1.0")));
            pack("chat", "1.0.0", List.of());
            pack("chat", "1.1.0", List.of(ARCHIVES.get("chat-1.0.0")));
            pack("chat", "1.2.0", List.of(ARCHIVES.get("chat-1.1.0")));
            pack("listen", "1.0.0", List.of());
            pack("gate", "1.0.0", List.of());
            for (String v : List.of("1.1.0", "1.2.0", "1.3.0")) {
                pack("gate", v, List.of(ARCHIVES.get("gate-1.0.0")));
            }
            Files.copy(LIB.resolve("chatapi-1.1.0/chatapi-1.1.0.jar"), LIB.resolve("chatapi-1.4.0/chatapi-1.4.0.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
            pack("chat", "1.3.0", List.of(ARCHIVES.get("chat-1.1.0")));
            pack("chat", "1.4.0", List.of(ARCHIVES.get("chat-1.1.0")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot pack the fixture releases: " + e.getMessage(), e);
        }
    }

    private static void pack(String version, List<Path> from) throws Exception {
        ARCHIVES.put(version, pack("demo", version, from));
    }

    /** Packs release {@code family-version}; the demo family is also known by its bare version. */
    private static Path pack(String family, String version, List<Path> from) throws Exception {
        Path archive = Packer.pack(new PackRequest(SOURCE.resolve(family + "-" + version + "/release.json"), List.of(LIB), from,
                OUT, false, ArchiveLimits.DEFAULT), Progress.NONE).archive().toAbsolutePath();
        ARCHIVES.put(family + "-" + version, archive);
        return archive;
    }

    /**
     * Rewrites {@code jar} so that its classes say they need class file version {@code major} (99:
     * Java 55), as if compiled by a JDK newer than this one (which no packer on this JDK would pack).
     */
    static void markForNewerJava(Path jar, int major) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
             java.util.jar.JarOutputStream os = new java.util.jar.JarOutputStream(Files.newOutputStream(out))) {
            for (java.util.jar.JarEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().endsWith(".class")) {
                    bytes[6] = (byte) (major >> 8);
                    bytes[7] = (byte) major;
                }
                java.util.jar.JarEntry copy = new java.util.jar.JarEntry(e.getName());
                copy.setTime(0);
                os.putNextEntry(copy);
                os.write(bytes);
                os.closeEntry();
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
