package dev.hotrel.handler;

/**
 * A node restart that an installed release asked for: the release is marked to boot on the next
 * start, once, as a trial; the permanent release stays what the start after that boots unless the
 * trial is made permanent.
 *
 * @param from the release the node runs until it restarts
 * @param to the release marked to boot next
 * @param permanent the permanent release
 * @param automatic whether the node restarts by itself now ({@link NodeRestart} given), or waits
 *        for whoever runs it to start it again
 */
public record PendingRestart(String from, String to, String permanent, boolean automatic) {

    /** What happens next, in words: the reply to the install. */
    public String message() {
        String head = "release " + to + " asks for a node restart: ";
        return automatic
                ? head + "the node restarts now and boots it once, as a trial (make it permanent when it runs, "
                        + "or the next start boots " + permanent + " again)"
                : head + "it boots on the next start of the node, once, as a trial (make it permanent then, or the "
                        + "start after boots " + permanent + " again); the node still runs " + from;
    }
}
