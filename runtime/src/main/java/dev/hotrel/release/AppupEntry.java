package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One entry of an {@link Appup}: the versions it applies to and the instructions that move an
 * application between such a version and the appup's own version.
 *
 * <pre>{@code {"version": "1.0.*", "instructions": [ {"update": "counter", "extra": {"step": 1}} ]}}</pre>
 *
 * @param version the other version: exact, or a pattern such as {@code 1.0.*}
 * @param instructions in the order the node runs them; may be empty (nothing to do beyond loading
 *                     the new code); {@code restartNode}, if present, comes last
 */
@JsonPropertyOrder({"version", "instructions"})
public record AppupEntry(VersionPattern version, List<Instruction> instructions) {

    public AppupEntry {
        Names.required("version", version);
        Names.required("instructions", instructions);
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = Names.required("instructions[" + i + "]", instructions.get(i));
            if (instruction instanceof Instruction.RestartNode && i != instructions.size() - 1) {
                throw ManifestException.field("instructions[" + i + "]",
                        "restartNode must be the last instruction: nothing runs after the node restarts");
            }
        }
        instructions = List.copyOf(instructions);
    }
}
