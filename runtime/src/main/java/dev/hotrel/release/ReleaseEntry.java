package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One release a node knows, as {@code RELEASES.json} records it: OTP's release record in its
 * {@code RELEASES} file.
 *
 * <pre>{@code
 * {"name": "demo", "version": "1.0.0", "runtime": "0.1.0", "status": "permanent",
 *  "fingerprint": "sha256:9a4e…", "applications": [ {"name": "counter", "version": "1.0.0"} ]}
 * }</pre>
 *
 * @param fingerprint the release's content fingerprint, as its {@code release.json} says it (and
 *                    its archive was verified to match)
 */
@JsonPropertyOrder({"name", "version", "runtime", "status", "fingerprint", "applications"})
public record ReleaseEntry(String name, Version version, Version runtime, ReleaseStatus status,
                           String fingerprint, List<AppRef> applications) {

    public ReleaseEntry {
        Names.release("name", name);
        Names.required("version", version);
        Names.required("runtime", runtime);
        Names.required("status", status);
        Names.fingerprint("fingerprint", Names.required("fingerprint", fingerprint));
        Names.required("applications", applications);
        applications = List.copyOf(applications);
    }

    /**
     * The entry of a packed release.
     *
     * @throws ManifestException if the release has no fingerprint (it was never packed)
     */
    public static ReleaseEntry of(Release release, ReleaseStatus status) {
        return new ReleaseEntry(release.name(), release.version(), release.runtime(), status,
                release.fingerprint(), release.applications());
    }

    /**
     * This entry in another status.
     *
     * @throws IllegalStateException if the lifecycle ({@link ReleaseStatus}) has no such transition
     */
    public ReleaseEntry withStatus(ReleaseStatus next) {
        if (!status.canTransitionTo(next)) {
            throw new IllegalStateException("release " + version + " is " + status + " and cannot become " + next
                    + " (see the lifecycle of ReleaseStatus)");
        }
        return new ReleaseEntry(name, version, runtime, next, fingerprint, applications);
    }

    /** {@code demo-1.0.0}. */
    public String id() {
        return name + "-" + version;
    }
}
