package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a release stands on a node, as OTP's release_handler keeps it. The lifecycle, written as
 * OTP writes it at the top of {@code release_handler.erl}:
 *
 * <pre>
 * status      action                                next status
 * ---------   -----------------------------------   -----------
 * (none)      unpack                                unpacked
 * unpacked    install                               current
 *             install, when the plan ends in        current, in the new JVM the restart boots
 *               restartNode (marked to boot next)     (once: a start after that boots permanent)
 *             remove                                (gone)
 * current     make permanent                        permanent
 *             install another release (or roll      old
 *               back to the permanent one)
 *             node restarts                         unpacked  (on disk it never left unpacked)
 * permanent   make another release permanent        old
 *             install it again (roll back to it)    permanent
 * old         install                               current
 *             make permanent (boot the old one)     permanent
 *             remove                                (gone)
 * </pre>
 *
 * {@link #canTransitionTo} enforces the table; {@link #isRemovable} says which may be removed (not
 * the permanent release, which the node boots, and not the current one, which it runs: stricter
 * than OTP, which lets a current release be removed).
 *
 * <p><b>{@code current} is never written to disk.</b> In {@code RELEASES.json} a release that is
 * installed but not yet permanent stays {@code unpacked} ({@link #onDisk()}). That one rule is what
 * makes a trial upgrade safe: if the node crashes or is restarted before the new release was made
 * permanent, it boots the permanent release, the one known to work, and the trial release is again
 * merely unpacked, ready to be installed once more. The node keeps {@code current} in memory only.
 * The reader of {@code RELEASES.json} refuses a file that says {@code current}.
 */
public enum ReleaseStatus {
    /** In the release root, verified, not running. */
    UNPACKED,
    /** Running, but not what the node boots: a trial. Never on disk. */
    CURRENT,
    /** What the node boots; running unless another release is current. Exactly one per root. */
    PERMANENT,
    /** Was permanent (or current) once, and can be installed again. */
    OLD;

    /** Whether the table above has an action that takes a release from this status to {@code next}. */
    public boolean canTransitionTo(ReleaseStatus next) {
        return switch (this) {
            case UNPACKED -> next == CURRENT;
            case CURRENT -> next == PERMANENT || next == OLD || next == UNPACKED;
            case PERMANENT -> next == OLD || next == PERMANENT;
            case OLD -> next == CURRENT || next == PERMANENT;
        };
    }

    /** Whether a release in this status may be removed from the root. */
    public boolean isRemovable() {
        return this == UNPACKED || this == OLD;
    }

    /** The status as {@code RELEASES.json} records it: {@code current} becomes {@code unpacked}. */
    public ReleaseStatus onDisk() {
        return this == CURRENT ? UNPACKED : this;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws ManifestException naming the accepted values
     */
    @JsonCreator
    public static ReleaseStatus parse(String text) {
        for (ReleaseStatus s : values()) {
            if (s.toString().equals(text)) {
                return s;
            }
        }
        throw ManifestException.field("", "bad release status '" + text
                + "' (expected unpacked | current | permanent | old)");
    }
}
