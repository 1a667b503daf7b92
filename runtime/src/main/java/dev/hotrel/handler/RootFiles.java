package dev.hotrel.handler;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Reads the manifests of unpacked releases from a release root. Each file is parsed once and kept
 * (manifests are immutable records) until {@link #forget} (the handler's unpack and remove, the
 * only writers of manifests) or until the file changes identity, size or modification time: an
 * up/down loop between two releases re-reads nothing. Thread-safe.
 */
final class RootFiles {

    private record Parsed(Object fileKey, FileTime modified, long size, Object value) {
    }

    private final ReleaseRoot root;
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();
    private final Map<Version, java.util.Optional<String>> digests = new ConcurrentHashMap<>();

    RootFiles(ReleaseRoot root) {
        this.root = root;
    }

    Release release(Version version) throws IOException {
        return read(root.releaseDir(version).resolve(Manifests.RELEASE), Release.class);
    }

    Relup relup(Version version) throws IOException {
        Relup relup = readIfExists(root.releaseDir(version).resolve(Manifests.RELUP), Relup.class);
        return relup != null ? relup : Relup.empty(version);
    }

    SysConfig sys(Version version) throws IOException {
        SysConfig sys = readIfExists(root.releaseDir(version).resolve(Manifests.SYS), SysConfig.class);
        return sys != null ? sys : SysConfig.empty();
    }

    AppSpec app(AppRef ref) throws IOException {
        return read(root.appDir(ref).resolve(Manifests.APP), AppSpec.class);
    }

    /** The descriptors of a release's applications, by name, in the release's order. */
    Map<String, AppSpec> apps(List<AppRef> refs) throws IOException {
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        for (AppRef ref : refs) {
            specs.put(ref.name(), app(ref));
        }
        return specs;
    }

    List<Path> jars(AppSpec spec) {
        Path dir = root.appDir(spec.ref());
        return spec.jars().stream().map(dir::resolve).toList();
    }

    /**
     * The newest class file version among a jar's classes (outside {@code META-INF/versions}, which
     * the JDK picks from itself), or 0 if none or unreadable (loading the jar reports that). Read
     * once per jar, like the manifests.
     */
    int newestClassVersion(Path jar) {
        try {
            return read(jar, Integer.class, RootFiles::scanClassVersions);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The SHA-256 of the archive {@code version} was unpacked from ({@link ArchiveDigest}), if one is
     * kept. Read once per release, like the manifests: only an unpack writes the file, and a removal
     * deletes it, and both {@link #forget}.
     */
    java.util.Optional<String> archiveDigest(Version version) {
        return digests.computeIfAbsent(version, v -> ArchiveDigest.of(root, v));
    }

    /** Drops everything read: the root's releases changed (an unpack or a removal). */
    void forget() {
        parsed.clear();
        digests.clear();
    }

    private <T> T readIfExists(Path file, Class<T> type) throws IOException {
        try {
            return read(file, type);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, type, f -> Manifests.read(f, type));
    }

    private interface Parser<T> {
        T parse(Path file) throws IOException;
    }

    private <T> T read(Path file, Class<T> type, Parser<T> parser) throws IOException {
        BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class);
        Parsed known = parsed.get(file);
        if (known != null && type.isInstance(known.value()) && known.size() == seen.size()
                && known.modified().equals(seen.lastModifiedTime()) && java.util.Objects.equals(known.fileKey(), seen.fileKey())) {
            return type.cast(known.value());
        }
        T value = parser.parse(file);
        parsed.put(file, new Parsed(seen.fileKey(), seen.lastModifiedTime(), seen.size(), value));
        return value;
    }

    private static Integer scanClassVersions(Path jar) throws IOException {
        int newest = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        DataInputStream data = new DataInputStream(in);
                        if (data.readInt() == 0xCAFEBABE) {
                            data.readUnsignedShort();
                            newest = Math.max(newest, data.readUnsignedShort());
                        }
                    }
                }
            }
        }
        return newest;
    }
}
