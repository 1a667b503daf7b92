package dev.hotrel.handler;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the manifests of unpacked releases from a release root. */
final class RootFiles {

    private final ReleaseRoot root;

    RootFiles(ReleaseRoot root) {
        this.root = root;
    }

    Release release(Version version) throws IOException {
        return Manifests.read(root.releaseDir(version).resolve(Manifests.RELEASE), Release.class);
    }

    Relup relup(Version version) throws IOException {
        Path file = root.releaseDir(version).resolve(Manifests.RELUP);
        return Files.exists(file) ? Manifests.read(file, Relup.class) : Relup.empty(version);
    }

    SysConfig sys(Version version) throws IOException {
        Path file = root.releaseDir(version).resolve(Manifests.SYS);
        return Files.exists(file) ? Manifests.read(file, SysConfig.class) : SysConfig.empty();
    }

    AppSpec app(AppRef ref) throws IOException {
        return Manifests.read(root.appDir(ref).resolve(Manifests.APP), AppSpec.class);
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
}
