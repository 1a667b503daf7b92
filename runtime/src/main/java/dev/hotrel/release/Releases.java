package dev.hotrel.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The releases a node knows and their status: the content of {@code releases/RELEASES.json}
 * (OTP's {@code RELEASES}), kept newest version first so that the file reads the same whatever
 * order releases arrived in.
 *
 * <pre>{@code
 * {
 *   "releases": [
 *     {"name": "demo", "version": "1.1.0", "runtime": "0.1.0", "status": "unpacked",
 *      "fingerprint": "sha256:c27d…", "applications": [ {"name": "counter", "version": "1.1.0"} ]},
 *     {"name": "demo", "version": "1.0.0", "runtime": "0.1.0", "status": "permanent",
 *      "fingerprint": "sha256:9a4e…", "applications": [ {"name": "counter", "version": "1.0.0"} ]}
 *   ]
 * }
 * }</pre>
 *
 * <p>Versions are unique (a root keeps a release in {@code releases/VERSION/}), at most one release
 * is permanent and at most one is current. In memory a release may be {@code current}; the file
 * never says so (see {@link ReleaseStatus}): write {@link #onDisk()}.
 */
public record Releases(List<ReleaseEntry> releases) {

    public Releases {
        Names.required("releases", releases);
        List<ReleaseEntry> sorted = new ArrayList<>(releases);
        for (int i = 0; i < sorted.size(); i++) {
            Names.required("releases[" + i + "]", sorted.get(i));
        }
        for (int i = 0; i < releases.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (releases.get(i).version().equals(releases.get(j).version())) {
                    throw ManifestException.field("releases[" + i + "].version", "release " + releases.get(i).version()
                            + " is listed twice (also as releases[" + j + "])");
                }
            }
        }
        for (ReleaseStatus single : new ReleaseStatus[]{ReleaseStatus.PERMANENT, ReleaseStatus.CURRENT}) {
            if (releases.stream().filter(r -> r.status() == single).count() > 1) {
                throw ManifestException.field("releases", "more than one release is " + single);
            }
        }
        sorted.sort(Comparator.comparing(ReleaseEntry::version).reversed());
        releases = List.copyOf(sorted);
    }

    public static Releases empty() {
        return new Releases(List.of());
    }

    public Optional<ReleaseEntry> find(Version version) {
        return releases.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    /** The release the node boots. */
    public Optional<ReleaseEntry> permanent() {
        return releases.stream().filter(r -> r.status() == ReleaseStatus.PERMANENT).findFirst();
    }

    /** The release the node runs: the current one if a trial is running, else the permanent one. */
    public Optional<ReleaseEntry> running() {
        return releases.stream().filter(r -> r.status() == ReleaseStatus.CURRENT).findFirst().or(this::permanent);
    }

    /**
     * These releases and one more.
     *
     * @throws IllegalStateException if a release of that version is already known
     */
    public Releases with(ReleaseEntry entry) {
        find(entry.version()).ifPresent(existing -> {
            throw new IllegalStateException("release " + entry.version() + " is already known (" + existing.id()
                    + ", " + existing.status() + ")");
        });
        List<ReleaseEntry> more = new ArrayList<>(releases);
        more.add(entry);
        return new Releases(more);
    }

    /**
     * These releases with one entry replaced by the same version's new entry.
     *
     * @throws IllegalStateException if no release of that version is known
     */
    public Releases replace(ReleaseEntry entry) {
        if (find(entry.version()).isEmpty()) {
            throw new IllegalStateException("release " + entry.version() + " is not known");
        }
        List<ReleaseEntry> changed = new ArrayList<>(releases);
        changed.replaceAll(r -> r.version().equals(entry.version()) ? entry : r);
        return new Releases(changed);
    }

    /** These releases without the one of that version (unchanged if none). */
    public Releases without(Version version) {
        return new Releases(releases.stream().filter(r -> !r.version().equals(version)).toList());
    }

    /** What {@code RELEASES.json} records: every {@code current} release as {@code unpacked}. */
    public Releases onDisk() {
        return new Releases(releases.stream()
                .map(r -> r.status() == ReleaseStatus.CURRENT ? r.withStatus(ReleaseStatus.UNPACKED) : r)
                .toList());
    }
}
