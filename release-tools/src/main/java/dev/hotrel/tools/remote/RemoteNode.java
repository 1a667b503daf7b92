package dev.hotrel.tools.remote;

import org.jolokia.client.JolokiaClient;
import org.jolokia.client.JolokiaClientBuilder;
import org.jolokia.client.JolokiaQueryParameter;
import org.jolokia.client.exception.JolokiaConnectException;
import org.jolokia.client.exception.JolokiaException;
import org.jolokia.client.exception.JolokiaRemoteException;
import org.jolokia.client.exception.JolokiaTimeoutException;
import org.jolokia.client.request.HttpMethod;
import org.jolokia.client.request.JolokiaExecRequest;
import org.jolokia.client.request.JolokiaReadRequest;
import org.jolokia.client.response.JolokiaExecResponse;
import org.jolokia.client.response.JolokiaReadResponse;

import javax.management.MalformedObjectNameException;
import java.util.Map;

/**
 * A Hotrel node seen through its Jolokia agent: reads and operations on its MBeans, with every
 * failure turned into one {@link RemoteException} line. The transport of the remote CLI.
 *
 * <p>Operations go by POST (arguments in the body: an uploaded piece would overflow a URL) and
 * without the request echoed back (it would send every uploaded piece back).
 */
public final class RemoteNode {

    public static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Map<JolokiaQueryParameter, String> NO_ECHO = Map.of(JolokiaQueryParameter.INCLUDE_REQUEST, "false");

    private final String url;
    private final String user;
    private final JolokiaClient client;

    /**
     * @param user null for no authentication
     * @param timeoutMillis how long one operation may take (an install waits for the node)
     */
    public RemoteNode(String url, String user, String password, int timeoutMillis) {
        this.url = url;
        this.user = user;
        JolokiaClientBuilder b = new JolokiaClientBuilder().url(url).connectionTimeout(5_000).socketTimeout(timeoutMillis);
        if (user != null) {
            b.user(user).password(password);
        }
        this.client = b.build();
    }

    public String url() {
        return url;
    }

    /** Reads one attribute, or with a pattern name ({@code hotrel:type=Server,*}) every match. */
    public Object read(String mbean, String... attributes) {
        try {
            JolokiaReadResponse r = client.execute(new JolokiaReadRequest(mbean, attributes), HttpMethod.POST, NO_ECHO);
            return r.getValue();
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean name " + mbean, e);
        } catch (JolokiaException e) {
            throw failure("read " + mbean, e);
        }
    }

    /**
     * Reads every attribute of every MBean that matches {@code pattern} ({@code hotrel:type=Server,*}),
     * keyed by ObjectName. Empty when none matches: a node whose only application failed has no
     * servers, and that is an answer, not an error (Jolokia says 404 for it).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> readAll(String pattern) {
        try {
            JolokiaReadResponse r = client.execute(new JolokiaReadRequest(pattern), HttpMethod.POST, NO_ECHO);
            return (Map<String, Map<String, Object>>) r.getValue();
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean pattern " + pattern, e);
        } catch (JolokiaRemoteException e) {
            if (e.getStatus() == 404) {
                return Map.of();
            }
            throw failure("read " + pattern, e);
        } catch (JolokiaException e) {
            throw failure("read " + pattern, e);
        }
    }

    /** Runs an operation of the release handler. */
    public Object handler(String operation, Object... args) {
        return exec(HANDLER, operation, args);
    }

    public Object exec(String mbean, String operation, Object... args) {
        try {
            JolokiaExecResponse r = client.execute(new JolokiaExecRequest(mbean, operation, args), HttpMethod.POST, NO_ECHO);
            return r.getValue();
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean name " + mbean, e);
        } catch (JolokiaException e) {
            throw failure(operation, e);
        }
    }

    private RemoteException failure(String what, JolokiaException e) {
        if (e instanceof JolokiaConnectException) {
            return new RemoteException("cannot reach a node at " + url + " (" + rootCause(e) + "); is hotrel-node running there?", e);
        }
        if (e instanceof JolokiaTimeoutException) {
            return new RemoteException(what + " on " + url + " timed out; the node may still be working: check with 'status'", e);
        }
        if (e instanceof JolokiaRemoteException r) {
            if (r.getStatus() == 401) {
                return new RemoteException(user == null
                        ? "the node at " + url + " asks for credentials (HTTP 401): give --root ROOT (the node's release root: "
                                + "its generated conf/jolokia.password) or --user USER --password-file FILE"
                        : "the node at " + url + " refused the credentials (HTTP 401) of user " + user
                                + ": check --user and --password-file (a generated password is in ROOT/conf/jolokia.password)", e);
            }
            if (r.getStatus() == 403) {
                return new RemoteException(what + " is not allowed by the node's access policy (HTTP 403)"
                        + (user == null ? "" : " for user " + user + ": it takes a deployer's credentials"), e);
            }
            Object error = r.getResponse() == null ? null : r.getResponse().get("error");
            return new RemoteException(what + " failed: " + clean(error == null ? r.getMessage() : error.toString()), e);
        }
        return new RemoteException(what + " on " + url + " failed: " + rootCause(e), e);
    }

    /** "javax.management.MBeanException : no release 9.9.9 ..." → "no release 9.9.9 ...". */
    static String clean(String error) {
        int sep = error.indexOf(" : ");
        return sep < 0 ? error : error.substring(sep + 3);
    }

    private static String rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
