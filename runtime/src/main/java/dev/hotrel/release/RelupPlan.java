package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How to move the whole node between this release and one other release: the per-application
 * steps in the order the node runs them.
 *
 * <pre>{@code
 * {
 *   "version": "1.0.0",
 *   "fingerprint": "sha256:9a4e…",
 *   "steps": [ {"changeApplication": "counter", "from": "1.0.0", "to": "1.1.0", "instructions": [...]} ]
 * }
 * }</pre>
 *
 * @param version the other release's version
 * @param fingerprint the other release's content fingerprint, so that the node can check that
 *                    the release it runs is really the one this plan was made for, not merely
 *                    one with the same version string
 * @param steps at most one step per application; may be empty (the releases differ in nothing
 *              but their version)
 */
@JsonPropertyOrder({"version", "fingerprint", "steps"})
public record RelupPlan(Version version, String fingerprint, List<RelupStep> steps) {

    public RelupPlan {
        Names.required("version", version);
        Names.fingerprint("fingerprint", Names.required("fingerprint", fingerprint));
        Names.required("steps", steps);
        Set<String> apps = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            RelupStep step = Names.required("steps[" + i + "]", steps.get(i));
            if (!apps.add(step.application())) {
                throw ManifestException.field("steps[" + i + "]", "application '" + step.application()
                        + "' has two steps in one plan");
            }
        }
        steps = List.copyOf(steps);
    }
}
