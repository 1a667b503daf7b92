package dev.hotrel.tools.unpack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;

import java.util.List;

/**
 * What an unpack put into a release root.
 *
 * @param release the release as {@code RELEASES.json} now records it
 * @param added application versions that were new to the root
 * @param shared application versions that the root already had (with the same content) and that
 *               the release now shares
 */
public record UnpackResult(ReleaseEntry release, List<AppRef> added, List<AppRef> shared) {

    public UnpackResult {
        added = List.copyOf(added);
        shared = List.copyOf(shared);
    }
}
