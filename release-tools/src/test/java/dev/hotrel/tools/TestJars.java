package dev.hotrel.tools;

import dev.hotrel.api.Server;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles application sources against dev.hotrel.api into a jar, deterministically (sorted entries, fixed times). */
public final class TestJars {

    private TestJars() {
    }

    /** @param sources binary class name of each top-level class → its source */
    public static Path compile(Path jar, Map<String, String> sources) {
        try {
            Path classes = Files.createTempDirectory("hotrel-test-classes-");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, source) -> units.add(new Source(name, source)));
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
                files.setLocation(StandardLocation.CLASS_PATH, List.of(apiLocation().toFile()));
                Boolean ok = javac.getTask(diagnostics, files, null, List.of("--release", "17", "-g:none"), null, units)
                        .call();
                if (!ok) {
                    throw new IllegalStateException("fixture does not compile:\n" + diagnostics);
                }
            }
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    JarEntry entry = new JarEntry(classes.relativize(file).toString().replace('\\', '/'));
                    entry.setTime(946684800000L);
                    out.putNextEntry(entry);
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
            }
            dev.hotrel.release.root.ReleaseRoot.deleteTree(classes);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path apiLocation() {
        try {
            return Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String source;

        Source(String className, String source) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }

        @Override
        public OutputStream openOutputStream() {
            throw new UnsupportedOperationException();
        }
    }
}
