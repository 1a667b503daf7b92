package dev.hotrel.tools.plan;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.Release;
import dev.hotrel.tools.archive.AppFolder;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release together with its applications' folders and its content fingerprint: what relup
 * generation and the checks compare, whether it came from a descriptor and a library path or from
 * a verified archive.
 *
 * @param apps one folder per application of the release, in the release's order
 */
public record ReleaseContent(Release release, List<AppFolder> apps, String fingerprint) {

    public ReleaseContent {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(fingerprint, "fingerprint");
        apps = List.copyOf(apps);
        List<AppRef> refs = apps.stream().map(AppFolder::ref).toList();
        if (!refs.equals(release.applications())) {
            throw new IllegalArgumentException("folders " + refs + " do not match the applications of " + release
                    + ": " + release.applications());
        }
    }

    public Optional<AppFolder> app(String name) {
        return apps.stream().filter(a -> a.spec().name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return release.id();
    }
}
