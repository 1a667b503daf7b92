package dev.hotrel.mbeans.access;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * The management user of the request this thread serves: Jolokia runs each authenticated request
 * inside {@code Subject.doAs} with the Subject the login put on the exchange, and the JMX connector
 * runs each remote call inside the Subject its authenticator returned.
 *
 * <p>Read with {@code Subject.current()} where the JDK has it (18 and later; from 23 it is the only
 * way that still works), else with {@code Subject.getSubject(AccessController.getContext())} (17).
 */
public final class Caller {

    private static final MethodHandle CURRENT = currentHandle();

    private Caller() {
    }

    /** The caller, or empty outside a management request (a local attach, the node itself). */
    public static Optional<ManagementPrincipal> current() {
        Subject subject = subject();
        if (subject == null) {
            return Optional.empty();
        }
        Optional<ManagementPrincipal> ours = subject.getPrincipals(ManagementPrincipal.class).stream().findFirst();
        if (ours.isPresent()) {
            return ours;
        }
        // A user of a JDK-format JMX password file (--jmx-password-file): no roles there, so a deployer,
        // as the JDK's own agent gives every such user read and write without an access file.
        return subject.getPrincipals(JMXPrincipal.class).stream().findFirst()
                .map(p -> new ManagementPrincipal(p.getName(), Role.DEPLOYER));
    }

    /** The caller's name for the audit log: the management user, or {@code local} without one. */
    public static String name() {
        return current().map(ManagementPrincipal::name).orElse("local");
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static Subject subject() {
        try {
            if (CURRENT != null) {
                return (Subject) CURRENT.invokeExact();
            }
            return Subject.getSubject(java.security.AccessController.getContext());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read the current Subject", t);
        }
    }

    private static MethodHandle currentHandle() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17
        }
    }
}
