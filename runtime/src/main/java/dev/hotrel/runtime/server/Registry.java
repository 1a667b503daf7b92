package dev.hotrel.runtime.server;

import dev.hotrel.api.NoSuchServerException;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The node's registered names: one server per name, node-wide, as OTP's local registry. */
public final class Registry {

    private final Map<String, ServerProcess> servers = new ConcurrentHashMap<>();

    /**
     * @throws IllegalStateException if the name is taken, naming who holds it
     */
    public void register(ServerProcess server) {
        ServerProcess existing = servers.putIfAbsent(server.name(), server);
        if (existing != null) {
            throw new IllegalStateException("server name '" + server.name() + "' of application " + server.app()
                    + " is already taken by application " + existing.app());
        }
    }

    public void unregister(ServerProcess server) {
        servers.remove(server.name(), server);
    }

    /** @throws NoSuchServerException if nothing is registered under {@code name} */
    public ServerProcess lookup(String name) {
        ServerProcess server = servers.get(name);
        if (server == null) {
            throw new NoSuchServerException(name);
        }
        return server;
    }

    public ServerProcess find(String name) {
        return servers.get(name);
    }

    public Collection<ServerProcess> all() {
        return Collections.unmodifiableCollection(servers.values());
    }
}
