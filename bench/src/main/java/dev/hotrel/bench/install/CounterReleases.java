package dev.hotrel.bench.install;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.runtime.RuntimeVersion;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.Deflater;

/**
 * The counter's releases, made as an operator makes them: the application folders
 * ({@code app.json}, {@code appup.json} and the jar compiled from {@code bench/src/apps/counter/VSN})
 * in a library, a {@code release.json} (and {@code sys.json}) per release, packed by the real
 * packer into {@code counter-1.0.0.tar.gz} and {@code counter-1.1.0.tar.gz}, the latter with its
 * relup from and back to 1.0.0.
 *
 * <p>A variant is the same code with another configuration of the application (more counters, a
 * TCP port): each is packed into a folder of its own.
 */
final class CounterReleases {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String APP = "counter";

    /** A variant's two archives. */
    record Pair(Path v100, Path v110) {
    }

    private final Path work;
    private final Path lib;

    private CounterReleases(Path work) {
        this.work = work;
        this.lib = work.resolve("lib");
    }

    /** Compiles both versions into the library under {@code work/lib}. */
    static CounterReleases build(Path appSources, Path work) throws IOException {
        CounterReleases r = new CounterReleases(work);
        AppBuild build = new AppBuild(work);
        for (String v : List.of("1.0.0", "1.1.0")) {
            Path src = appSources.resolve(v);
            Path folder = r.lib.resolve(APP + "-" + v);
            Files.createDirectories(folder);
            build.jar(src.resolve("java"), folder.resolve(APP + "-" + v + ".jar"));
            for (String manifest : List.of("app.json", "appup.json")) {
                if (Files.exists(src.resolve(manifest))) {
                    Files.copy(src.resolve(manifest), folder.resolve(manifest), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return r;
    }

    /** The archives of {@code variant}, packed before (by the parent process) with {@link #pack}. */
    static Pair archives(Path work, String variant) {
        Path out = work.resolve("releases").resolve(variant).resolve("archives");
        return new Pair(out.resolve(APP + "-1.0.0.tar.gz").toAbsolutePath(), out.resolve(APP + "-1.1.0.tar.gz").toAbsolutePath());
    }

    /**
     * Packs counter-1.0.0 and counter-1.1.0 with {@code config} as the application's configuration
     * in both ({@code sys.json}; none when empty) into {@code work/releases/VARIANT}.
     */
    Pair pack(String variant, Map<String, Object> config) throws Exception {
        Path dir = work.resolve("releases").resolve(variant);
        Path v100 = descriptor(dir, "1.0.0", "1.0.0", config);
        Path v110 = descriptor(dir, "1.1.0", "1.1.0", config);
        Path out = dir.resolve("archives");
        Files.createDirectories(out);
        Path a100 = Packer.pack(new PackRequest(v100, List.of(lib), List.of(), out, false, ArchiveLimits.DEFAULT),
                Progress.NONE).archive();
        Path a110 = Packer.pack(new PackRequest(v110, List.of(lib), List.of(v100), out, false, ArchiveLimits.DEFAULT),
                Progress.NONE).archive();
        return new Pair(a100.toAbsolutePath(), a110.toAbsolutePath());
    }

    /**
     * Packs counter-1.2.0: the 1.1.0 code plus a jar whose one resource is {@code megabytes} MB of
     * random (incompressible) bytes. No relup: it is only unpacked.
     */
    Path packBig(int megabytes) throws Exception {
        String v = "1.2.0";
        Path folder = lib.resolve(APP + "-" + v);
        Files.createDirectories(folder);
        Files.copy(lib.resolve(APP + "-1.1.0/" + APP + "-1.1.0.jar"), folder.resolve(APP + "-" + v + ".jar"),
                StandardCopyOption.REPLACE_EXISTING);
        writeBlobJar(folder.resolve("blob-" + v + ".jar"), megabytes);
        Map<String, Object> app = JSON.readValue(lib.resolve(APP + "-1.1.0/app.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        app.put("version", v);
        app.put("jars", List.of(APP + "-" + v + ".jar", "blob-" + v + ".jar"));
        JSON.writeValue(folder.resolve("app.json").toFile(), app);
        Path dir = work.resolve("releases").resolve("big");
        Path descriptor = descriptor(dir, v, v, Map.of());
        Path out = dir.resolve("archives");
        Files.createDirectories(out);
        return Packer.pack(new PackRequest(descriptor, List.of(lib), List.of(), out, false, ArchiveLimits.DEFAULT),
                Progress.NONE).archive().toAbsolutePath();
    }

    private Path descriptor(Path dir, String release, String appVersion, Map<String, Object> config) throws IOException {
        Path folder = dir.resolve(APP + "-" + release);
        Files.createDirectories(folder);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", APP);
        r.put("version", release);
        r.put("runtime", RuntimeVersion.CURRENT.toString());
        r.put("applications", List.of(Map.of("name", APP, "version", appVersion)));
        Path file = folder.resolve("release.json");
        JSON.writeValue(file.toFile(), r);
        if (!config.isEmpty()) {
            JSON.writeValue(folder.resolve("sys.json").toFile(), Map.of(APP, config));
        }
        return file;
    }

    /** A jar holding {@code blob.bin}: random bytes, stored without compression (there is none to be had). */
    private static void writeBlobJar(Path jar, int megabytes) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.setLevel(Deflater.NO_COMPRESSION);
            JarEntry e = new JarEntry("blob.bin");
            e.setTime(0);
            out.putNextEntry(e);
            for (int i = 0; i < megabytes; i++) {
                for (int j = 0; j < chunk.length; j += 8) {
                    long x = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        chunk[j + k] = (byte) (x >>> (8 * k));
                    }
                }
                out.write(chunk);
            }
            out.closeEntry();
        }
    }
}
