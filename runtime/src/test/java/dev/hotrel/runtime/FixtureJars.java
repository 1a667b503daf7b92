package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds the fixture applications under {@code src/test/fixtures/APP/VERSION} into real jars at
 * test time: compiled with javac against the {@code dev.hotrel.api} classes only, packed into
 * {@code target/fixture-jars/APP-VERSION.jar}. Each version has its own copy of the same class
 * names, as real application versions do.
 */
public final class FixtureJars {

    private static final Path SOURCES = TestPaths.findAbove("counter", "src/test/fixtures", "runtime/src/test/fixtures");
    private static final Path OUT = Paths.get("target/fixture-jars");
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private FixtureJars() {
    }

    /** The jar of fixture {@code app} at {@code version}, built on first use. */
    public static Path jar(String app, String version) {
        return BUILT.computeIfAbsent(app + "-" + version, k -> build(app, version));
    }

    private static Path build(String app, String version) {
        Path src = SOURCES.resolve(app).resolve(version);
        Path classes = OUT.resolve(app + "-" + version + "-classes");
        Path jar = OUT.resolve(app + "-" + version + ".jar");
        try {
            List<String> files;
            try (Stream<Path> s = Files.walk(src)) {
                files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
            }
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                    "-classpath", apiClasses().toString(), "-proc:none", "-nowarn"));
            args.addAll(files);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, null, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("fixture " + app + "@" + version + " does not compile:\n" + err);
            }
            writeJar(classes, jar);
            return jar.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs every file under {@code classes} into {@code jar}, in name order and with times zeroed, so
     * the same classes always make the same jar. Also what the benchmark's application builder uses.
     */
    public static void writeJar(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry e = new JarEntry(classes.relativize(p).toString().replace('\\', '/'));
                e.setTime(0);
                out.putNextEntry(e);
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
    }

    /** Where the node's own {@code dev.hotrel.api} classes are: the only thing fixtures compile against. */
    private static Path apiClasses() {
        try {
            return Paths.get(Hotrel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
