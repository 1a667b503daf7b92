package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release descriptor, {@code releases/VERSION/release.json}: OTP's {@code .rel}. Names the
 * release, its version, the runtime it was built for and the application versions it is made of.
 *
 * <pre>{@code
 * {
 *   "name": "demo",
 *   "version": "1.1.0",
 *   "runtime": "0.1.0",
 *   "applications": [ {"name": "counter", "version": "1.1.0"} ],
 *   "fingerprint": "sha256:5f1c…"
 * }
 * }</pre>
 *
 * @param name the release name ({@code [a-z][a-z0-9_]*}, no {@code -})
 * @param runtime the version of the Hotrel runtime (the {@code dev.hotrel.api} contract) the
 *                release was built against
 * @param applications the application versions, in the order the node starts them when the
 *                     release boots (dependencies are started first regardless); never empty, no
 *                     application twice
 * @param fingerprint optional: the release's content fingerprint, a hash over the checksums of
 *                    its applications' files, written by {@code hotrel pack}; null in a descriptor
 *                    that was not packed yet
 * @param health optional: the release's health gate, how a node judges it after installing it in
 *               place (and rolls it back if it fails); null for none
 */
@JsonPropertyOrder({"name", "version", "runtime", "applications", "fingerprint", "health"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Release(String name, Version version, Version runtime, List<AppRef> applications, String fingerprint,
                      HealthGate health) {

    public Release {
        Names.release("name", name);
        Names.required("version", version);
        Names.required("runtime", runtime);
        Names.required("applications", applications);
        if (applications.isEmpty()) {
            throw ManifestException.field("applications", "a release needs at least one application");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < applications.size(); i++) {
            AppRef app = Names.required("applications[" + i + "]", applications.get(i));
            Integer before = seen.putIfAbsent(app.name(), i);
            if (before != null) {
                throw ManifestException.field("applications[" + i + "].name", "application '" + app.name()
                        + "' is listed twice (also as applications[" + before + "])");
            }
        }
        applications = List.copyOf(applications);
        Names.fingerprint("fingerprint", fingerprint);
    }

    /** A release without a health gate. */
    public Release(String name, Version version, Version runtime, List<AppRef> applications, String fingerprint) {
        this(name, version, runtime, applications, fingerprint, null);
    }

    /** The health gate, if the release declares one. */
    public Optional<HealthGate> healthGate() {
        return Optional.ofNullable(health);
    }

    /** {@code demo-1.1.0}: how archives and messages name the release. */
    public String id() {
        return name + "-" + version;
    }

    /** The archive file name {@code hotrel pack} gives this release: {@code demo-1.1.0.tar.gz}. */
    public String archiveName() {
        return id() + ".tar.gz";
    }

    public Optional<AppRef> application(String appName) {
        return applications.stream().filter(a -> a.name().equals(appName)).findFirst();
    }

    /** This release with its content fingerprint. */
    public Release withFingerprint(String newFingerprint) {
        return new Release(name, version, runtime, applications, newFingerprint, health);
    }

    @Override
    public String toString() {
        return id();
    }
}
