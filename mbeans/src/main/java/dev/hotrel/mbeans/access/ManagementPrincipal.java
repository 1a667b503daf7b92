package dev.hotrel.mbeans.access;

import java.security.Principal;

/**
 * The management user a request runs as, with its role: put in the request's {@code Subject} by
 * the HTTP and JMX logins, read back by the policy and by the audit log ({@link Caller}).
 */
public record ManagementPrincipal(String name, Role role) implements Principal {

    /** Who calls when the node was started without authentication (the opt-out). */
    public static final ManagementPrincipal ANONYMOUS = new ManagementPrincipal("anonymous", Role.DEPLOYER);

    @Override
    public String getName() {
        return name;
    }
}
