package dev.hotrel.runtime.purge;

import java.time.Instant;
import java.util.List;

/**
 * A purged version whose loader was still not collected when checked.
 *
 * @param loader the loader's name, {@code app@version}
 * @param purgedAt when it was purged
 * @param suspects what may still hold it, one readable line each; empty if nothing obvious was found
 */
public record LeakReport(String loader, Instant purgedAt, List<String> suspects) {

    @Override
    public String toString() {
        return loader + " (purged " + purgedAt + ") not collected"
                + (suspects.isEmpty() ? "; no suspect found (take a heap dump and look for paths to " + loader + ")"
                : ": " + String.join("; ", suspects));
    }
}
