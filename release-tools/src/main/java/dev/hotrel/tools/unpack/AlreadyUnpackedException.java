package dev.hotrel.tools.unpack;

import dev.hotrel.release.ReleaseEntry;

/**
 * The root already has a release of the archive's version. Carries both fingerprints, so a caller
 * for whom unpacking is idempotent (the node) can tell "the same release again" from "another
 * release under the same version" without reading the archive a second time.
 */
public final class AlreadyUnpackedException extends IllegalStateException {

    private final transient ReleaseEntry known;
    private final String fingerprint;

    AlreadyUnpackedException(String message, ReleaseEntry known, String fingerprint) {
        super(message);
        this.known = known;
        this.fingerprint = fingerprint;
    }

    /** The release the root has. */
    public ReleaseEntry known() {
        return known;
    }

    /** The fingerprint of the archive that was refused. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Whether the archive holds the very release the root has. */
    public boolean sameContent() {
        return known.fingerprint().equals(fingerprint);
    }
}
