package dev.hotrel.mbeans.access;

import javax.management.remote.JMXAuthenticator;
import javax.security.auth.Subject;
import java.util.Set;

/**
 * Checks a remote JMX client's credentials ({@code JMXConnector.CREDENTIALS}: user and password,
 * as JConsole sends them) against the node's {@link ManagementUsers}; the Subject it returns carries
 * the user's role to {@link JmxAccess} and the audit log. With no users (the node's opt-out) every
 * client is {@link ManagementPrincipal#ANONYMOUS}.
 */
public final class JmxLogin implements JMXAuthenticator {

    private final ManagementUsers users;

    /** @param users null: no authentication (the opt-out) */
    public JmxLogin(ManagementUsers users) {
        this.users = users;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (users == null) {
            return subject(ManagementPrincipal.ANONYMOUS);
        }
        if (!(credentials instanceof String[] pair) || pair.length != 2) {
            throw new SecurityException("this node requires credentials: a user and password (JConsole: Username and Password)");
        }
        return users.authenticate(pair[0], pair[1]).map(JmxLogin::subject)
                .orElseThrow(() -> new SecurityException("wrong user or password"));
    }

    private static Subject subject(ManagementPrincipal p) {
        return new Subject(true, Set.of(p), Set.of(), Set.of());
    }
}
