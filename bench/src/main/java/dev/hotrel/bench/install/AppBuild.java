package dev.hotrel.bench.install;

import dev.hotrel.api.Hotrel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles an application version's sources into a real jar at run time, against the
 * {@code dev.hotrel.api} classes alone (copied out of the node's own classes first, so that the
 * application cannot link against anything else of the node), as the runtime's test fixtures are.
 */
final class AppBuild {

    private final Path work;
    private Path api;

    AppBuild(Path work) {
        this.work = work;
    }

    /** Compiles every {@code .java} under {@code sources} into {@code jar}; returns it. */
    Path jar(Path sources, Path jar) throws IOException {
        Path classes = work.resolve("classes").resolve(jar.getFileName().toString().replace(".jar", ""));
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no sources under " + sources);
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "-classpath", apiClasses().toString(), "-proc:none", "-nowarn", "-parameters"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JRE?): run the benchmark on a JDK");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        if (javac.run(null, null, err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException(sources + " does not compile:\n" + err);
        }
        Files.createDirectories(jar.getParent());
        dev.hotrel.runtime.FixtureJars.writeJar(classes, jar);
        return jar;
    }

    /** The {@code dev.hotrel.api} classes alone, copied out of wherever the node's classes are. */
    private Path apiClasses() throws IOException {
        if (api != null) {
            return api;
        }
        Path out = work.resolve("api-classes");
        Path from;
        try {
            from = Paths.get(Hotrel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(from)) {
            copyApi(from, out);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(from)) {
                copyApi(jar.getPath("/"), out);
            }
        }
        api = out;
        return out;
    }

    private static void copyApi(Path classesRoot, Path out) throws IOException {
        Path pkg = classesRoot.resolve("dev/hotrel/api");
        try (Stream<Path> s = Files.walk(pkg)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = out.resolve(classesRoot.relativize(p).toString());
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(p)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
