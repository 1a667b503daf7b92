package dev.hotrel.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the node's own code before the first install needs it, as OTP's embedded mode loads every
 * module at boot: every class of the runtime (linked and initialized: their static initializers are
 * the node's own constants), and the JDK and Jackson paths a release switch takes (a state through
 * the neutral tree and back, the bean introspector that a purge flushes, a loader defining a class).
 * Without it the first install of a fresh node paid some 80 ms of class loading, most of it inside
 * or right around the pause.
 *
 * <p>Once per JVM, on a daemon thread started by the first node; {@link #await} lets the first
 * install wait for what is left rather than race it for the CPU. Best effort: a class that cannot
 * be loaded is skipped (it fails where it is really used, with a real message).
 */
public final class Preload {

    private static volatile CompletableFuture<Void> done;
    /** The practice application's classes: an application's, loaded only from its own jars, never by the node. */
    private static final String PRACTICE = "dev/hotrel/practice/";

    private Preload() {
    }

    /** Starts preloading, once per JVM; returns at once. */
    public static void start() {
        if (done != null) {
            return;
        }
        synchronized (Preload.class) {
            if (done != null) {
                return;
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            done = f;
            Thread t = new Thread(() -> {
                try {
                    run();
                } finally {
                    f.complete(null);
                }
            }, "hotrel-preload");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** Waits until preloading has finished (at once if it never started). */
    public static void await() {
        CompletableFuture<Void> f = done;
        if (f != null) {
            f.join();
        }
    }

    /** A shape a release switch converts: a record through the tree, as state conversion does. */
    private record Sample(String name, long count, List<String> items) {
    }

    private static void run() {
        ClassLoader loader = Preload.class.getClassLoader();
        for (String name : ownClasses()) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // skipped: see the class comment
            }
        }
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode tree = mapper.valueToTree(new Sample("preload", 1, List.of("a")));
            mapper.treeToValue(tree, Sample.class);
            mapper.convertValue(tree, java.util.Map.class);
            java.beans.Introspector.flushCaches();
        } catch (IOException | RuntimeException | LinkageError e) {
            // best effort
        }
    }

    private static List<String> ownClasses() {
        List<String> names = new ArrayList<>();
        try {
            Path where = Path.of(Preload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where.resolve("dev/hotrel"))) {
                    files.filter(p -> p.toString().endsWith(".class") && !where.relativize(p).toString().replace('\\', '/').startsWith(PRACTICE))
                            .forEach(p -> names.add(className(where.relativize(p).toString().replace('\\', '/'))));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String entry = e.nextElement().getName();
                        if (entry.startsWith("dev/hotrel/") && !entry.startsWith(PRACTICE) && entry.endsWith(".class")) {
                            names.add(className(entry));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // best effort: no list, nothing preloaded
        }
        return names;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
