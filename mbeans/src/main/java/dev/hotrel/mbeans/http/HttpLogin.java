package dev.hotrel.mbeans.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.hotrel.mbeans.access.ManagementPrincipal;
import dev.hotrel.mbeans.access.ManagementUsers;
import org.jolokia.server.core.config.ConfigKey;

import javax.security.auth.Subject;
import java.util.Set;

/**
 * HTTP basic authentication for the Jolokia agent against the node's {@link ManagementUsers}. On
 * success it puts a Subject holding the user's {@link ManagementPrincipal} on the exchange, under the
 * attribute Jolokia's JVM agent looks for ({@code org.jolokia.jaasSubject}): the agent then handles
 * the request inside {@code Subject.doAs}, where {@link JolokiaAccess} and the audit log find the
 * user and role. A request without valid credentials gets 401 before Jolokia sees it.
 */
final class HttpLogin extends BasicAuthenticator {

    static final String REALM = "hotrel";

    private final ManagementUsers users;
    private final ThreadLocal<ManagementPrincipal> checked = new ThreadLocal<>();

    HttpLogin(ManagementUsers users) {
        super(REALM);
        this.users = users;
    }

    /** No credentials asked: every request runs as {@link ManagementPrincipal#ANONYMOUS} (the node's opt-out). */
    static Authenticator open() {
        return new Authenticator() {
            @Override
            public Result authenticate(HttpExchange exchange) {
                exchange.setAttribute(ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE, subject(ManagementPrincipal.ANONYMOUS));
                return new Success(new HttpPrincipal(ManagementPrincipal.ANONYMOUS.name(), REALM));
            }
        };
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        ManagementPrincipal p = users.authenticate(user, password).orElse(null);
        checked.set(p);
        return p != null;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        try {
            Result result = super.authenticate(exchange);
            ManagementPrincipal p = checked.get();
            if (result instanceof Success && p != null) {
                exchange.setAttribute(ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE, subject(p));
            }
            return result;
        } finally {
            checked.remove();
        }
    }

    private static Subject subject(ManagementPrincipal p) {
        return new Subject(true, Set.of(p), Set.of(), Set.of());
    }
}
