package dev.hotrel.mbeans.http;

import dev.hotrel.mbeans.access.Caller;
import dev.hotrel.mbeans.access.ManagementPolicy;
import dev.hotrel.mbeans.access.ManagementPrincipal;
import dev.hotrel.mbeans.access.Role;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

import javax.management.ObjectName;
import java.util.regex.Pattern;

/**
 * The node's Jolokia access policy: {@link ManagementPolicy} for the request's management user (its
 * role: {@link HttpLogin} put it in the request's Subject); listing, searching, version and
 * notifications for every user; nothing for a request without one. Without a restrictor Jolokia
 * allows everything, including {@code exec} on any MBean.
 *
 * <p>Written as code rather than a {@code jolokia-access.xml} for one reason: Jolokia's XML
 * {@code <strict-checking/>} also refuses requests that carry no {@code Origin} at all, which
 * locks out curl and every script. Here origin checking is strict for browsers (a request whose
 * {@code Origin} or {@code Referer} is not a loopback page is refused, so a web page cannot drive
 * the node through the operator's browser) and open to non-browser clients, which send none.
 * Proxy requests (JSR-160) are not a request type here and the proxy service is disabled where
 * the agent starts.
 */
public final class JolokiaAccess implements Restrictor {

    private static final Pattern LOOPBACK_ORIGIN =
            Pattern.compile("https?://(localhost|127(\\.\\d{1,3}){3}|\\[::1])(:\\d{1,5})?/?(.*)?");

    /** Jolokia instantiates restrictors by class name with its configuration. */
    public JolokiaAccess(Configuration configuration) {
    }

    public JolokiaAccess() {
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        if (role() == null) {
            return false;
        }
        return switch (type) {
            case READ, WRITE, EXEC, LIST, SEARCH, VERSION, NOTIFICATION -> true;
            default -> false;
        };
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return ManagementPolicy.mayRead(role(), name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return ManagementPolicy.mayWrite(role(), name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return ManagementPolicy.mayInvoke(role(), name, operation);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        // Who may connect is decided where the agent binds: loopback, or credentials required.
        return true;
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return origin == null || LOOPBACK_ORIGIN.matcher(origin).matches();
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return false;
    }

    /** Whether a browser page at {@code origin} may call the agent (for tests and docs). */
    static boolean allowsOrigin(String origin) {
        return new JolokiaAccess().isOriginAllowed(origin, true);
    }

    /** The role of the request this thread serves; null without a management user (never allowed anything). */
    private static Role role() {
        return Caller.current().map(ManagementPrincipal::role).orElse(null);
    }
}
