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
 * @param instructions in the order the node runs them; may be empty (every server running in the
 *                     application's supervision tree still moves, with its state); {@code restartNode},
 *                     if present, comes last; every {@code update} asks for the same purge mode, since an
 *                     application's old code is purged as a whole
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
        samePurgeMode(instructions);
    }

    /** The node purges an application's old code as a whole, so it cannot honour mixed modes: refused here, at pack time. */
    static void samePurgeMode(List<Instruction> instructions) {
        java.util.Map<String, dev.hotrel.runtime.purge.PurgeMode> modes = new java.util.LinkedHashMap<>();
        for (Instruction i : instructions) {
            if (i instanceof Instruction.Update u) {
                modes.put(u.server(), u.purge());
            }
        }
        if (modes.values().stream().distinct().count() > 1) {
            throw ManifestException.field("instructions", "updates ask for different purge modes ("
                    + String.join(", ", modes.entrySet().stream().map(e -> e.getKey() + ": "
                    + e.getValue().name().toLowerCase(java.util.Locale.ROOT)).toList())
                    + "), but an application's old code is purged as a whole: give every update one mode");
        }
    }
}
