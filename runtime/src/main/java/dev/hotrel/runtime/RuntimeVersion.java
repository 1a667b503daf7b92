package dev.hotrel.runtime;

import dev.hotrel.release.Version;

/**
 * The version of the contract this node offers applications ({@code dev.hotrel.api} and the
 * manifest formats): what a release's {@code runtime} in {@code release.json} is checked against.
 * A node runs releases built for its own runtime version or an older one of the same major (for
 * 0.x: the same minor), never a newer one.
 */
public final class RuntimeVersion {

    public static final Version CURRENT = Version.parse("0.1.0");

    private RuntimeVersion() {
    }

    /** Why this node cannot run a release built for {@code wanted}, or null if it can. */
    public static String refusal(Version wanted) {
        String[] w = wanted.toString().split("[.-]");
        String[] c = CURRENT.toString().split("[.-]");
        boolean sameLine = w[0].equals(c[0]) && (!"0".equals(c[0]) || w.length > 1 && c.length > 1 && w[1].equals(c[1]));
        if (wanted.compareTo(CURRENT) > 0 || !sameLine) {
            return "it is built for Hotrel runtime " + wanted + " and this node runs " + CURRENT
                    + ": run it on a node of that runtime";
        }
        return null;
    }
}
