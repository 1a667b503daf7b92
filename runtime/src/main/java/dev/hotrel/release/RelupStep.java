package dev.hotrel.release;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.List;

/**
 * One application's part of a {@link RelupPlan}. In JSON, as instructions are, the first key
 * names the kind:
 * <pre>{@code
 * {"addApplication": "metrics", "version": "1.0.0"}
 * {"removeApplication": "legacy", "version": "0.9.0"}
 * {"changeApplication": "counter", "from": "1.0.0", "to": "1.1.0", "instructions": [ {"update": "counter"} ]}
 * }</pre>
 */
@JsonSerialize(using = RelupStepJson.Writer.class)
@JsonDeserialize(using = RelupStepJson.Reader.class)
public sealed interface RelupStep {

    /** The application this step is about. */
    String application();

    /** The step in words, for {@code hotrel inspect}. */
    String describe();

    /** Loads and starts an application version that the release being left does not have. */
    record AddApplication(String application, Version version) implements RelupStep {
        public AddApplication {
            Names.application("addApplication", application);
            Names.required("version", version);
        }

        @Override
        public String describe() {
            return "add application " + application + "@" + version;
        }
    }

    /** Stops and unloads an application version that the release being entered does not have. */
    record RemoveApplication(String application, Version version) implements RelupStep {
        public RemoveApplication {
            Names.application("removeApplication", application);
            Names.required("version", version);
        }

        @Override
        public String describe() {
            return "remove application " + application + "@" + version;
        }
    }

    /**
     * Moves an application between two of its versions with the instructions of the newer
     * version's appup entry for the older one ({@code upFrom} on an upgrade, {@code downTo} on a
     * downgrade).
     */
    record ChangeApplication(String application, Version from, Version to, List<Instruction> instructions)
            implements RelupStep {
        public ChangeApplication {
            Names.application("changeApplication", application);
            Names.required("from", from);
            Names.required("to", to);
            if (from.equals(to)) {
                throw ManifestException.field("to", "an application change needs two different versions, found "
                        + from + " twice");
            }
            Names.required("instructions", instructions);
            for (int i = 0; i < instructions.size(); i++) {
                Names.required("instructions[" + i + "]", instructions.get(i));
            }
            instructions = List.copyOf(instructions);
            AppupEntry.samePurgeMode(instructions);
        }

        @Override
        public String describe() {
            return (from.compareTo(to) < 0 ? "upgrade " : "downgrade ") + "application " + application
                    + " from " + from + " to " + to
                    + (instructions.isEmpty() ? " (load the new code only)" : "");
        }
    }
}
