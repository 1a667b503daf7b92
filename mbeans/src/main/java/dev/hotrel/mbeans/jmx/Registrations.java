package dev.hotrel.mbeans.jmx;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MBeans this node registered, so that it can take back exactly those: one at a time as
 * applications and servers come and go, and all of them at shutdown (Jolokia's
 * {@code MBeanRegistry.destroy()}: unregister everything, collect the failures, go on).
 *
 * <p>Thread-safe.
 */
public final class Registrations implements AutoCloseable {

    private final MBeanServer server;
    private final Set<ObjectName> names = ConcurrentHashMap.newKeySet();

    public Registrations(MBeanServer server) {
        this.server = server;
    }

    /**
     * Registers {@code mbean}, replacing one this registry put under the same name before.
     *
     * @throws IllegalStateException if the name is held by an MBean this registry did not register
     */
    public void register(ObjectName name, Object mbean) {
        try {
            if (names.contains(name)) {
                unregister(name);
            }
            server.registerMBean(mbean, name);
            names.add(name);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("MBean " + name + " is already registered by someone else", e);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register MBean " + name + ": " + e.getMessage(), e);
        }
    }

    /** Unregisters one MBean this registry registered. Idempotent. */
    public void unregister(ObjectName name) {
        if (names.remove(name)) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // Already gone: that is the state we want.
            } catch (JMException e) {
                throw new IllegalStateException("cannot unregister MBean " + name + ": " + e.getMessage(), e);
            }
        }
    }

    public boolean isRegistered(ObjectName name) {
        return names.contains(name);
    }

    /**
     * Unregisters everything this registry registered.
     *
     * @throws IllegalStateException listing every MBean that could not be unregistered
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (ObjectName name : List.copyOf(names)) {
            try {
                unregister(name);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("some MBeans stayed registered: " + String.join("; ", failures));
        }
    }

    /** An ObjectName from a trusted pattern; a bad one is a programming error. */
    public static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException("bad ObjectName " + text, e);
        }
    }
}
