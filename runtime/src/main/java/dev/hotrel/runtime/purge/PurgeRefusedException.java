package dev.hotrel.runtime.purge;

import java.util.List;

/** A soft purge found servers still running old code; nothing was changed. */
public final class PurgeRefusedException extends RuntimeException {

    private final List<String> servers;

    public PurgeRefusedException(String version, List<String> servers) {
        super("soft purge of " + version + " refused: server(s) " + String.join(", ", servers)
                + " still run its code; nothing was changed (move them, or purge brutally to restart them on current code)");
        this.servers = List.copyOf(servers);
    }

    public List<String> servers() {
        return servers;
    }
}
