package dev.hotrel.handler;

import java.util.Locale;

/**
 * Why a release handler operation failed: each reason with its message template, formatted in one
 * place ({@link HandlerException}). The sender's fault (a bad request: unknown version, wrong
 * state, busy) is told apart from the node's (an install that failed and was rolled back, an I/O
 * error), so that management can map them once.
 */
public enum Reason {

    BUSY(true, "busy: %s (since %s); try again when it has finished"),
    BAD_ARGUMENT(true, "%s; nothing was done"),
    UNKNOWN_VERSION(true, "no release %s in this release root (known: %s)"),
    ALREADY_RUNNING(true, "release %s is already running"),
    NO_PLAN(true, "release %s has no plan from %s (%s); pack it with --from the running release"),
    FINGERPRINT_MISMATCH(true, "the plan of release %s was made for %s with fingerprint %s, but the node runs "
            + "fingerprint %s: the running release is not the one the plan expects"),
    NOT_CURRENT(true, "release %s is %s: only the running release can be made permanent (current: %s)"),
    APPLICATIONS_NOT_RUNNING(true, "release %s cannot be made permanent while application(s) of it do not run: %s; "
            + "restart them (hotrel restart %s, or the Application MBean's restart) and try again, or roll back to %s"),
    NOT_REMOVABLE(true, "release %s is %s and cannot be removed (neither the permanent nor the running release can)"),
    NOTHING_TO_ROLL_BACK(true, "nothing to roll back: the node runs its permanent release %s"),
    NOT_IN_INBOX(true, "%s is not an archive in the inbox %s (upload it there first)"),
    ON_TRIAL(true, "cannot install %s while release %s is on trial (%s); wait for its health gate (hotrel install "
            + "--wait-healthy, or the HealthGate attribute), make it permanent, or roll back"),
    PROBLEMS(true, "release %s cannot be installed: %s"),
    BAD_ARCHIVE(true, "archive %s refused: %s"),
    INSTALL_FAILED(false, "%s; current release is %s"),
    IO(false, "cannot %s: %s");

    private final boolean sendersFault;
    private final String template;

    Reason(boolean sendersFault, String template) {
        this.sendersFault = sendersFault;
        this.template = template;
    }

    /** Whether the request was at fault (true) or the node (false). */
    public boolean isSendersFault() {
        return sendersFault;
    }

    String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
