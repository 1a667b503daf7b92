package dev.hotrel.mbeans.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * The JDK HTTP server Jolokia's agent runs on, made by us and handed to it so that every context
 * the agent creates ({@code /jolokia} and {@code /jolokia/config}) gets the node's login and the
 * {@link RequestGuard} in front of Jolokia's handler. (Left to itself the agent leaves
 * {@code /config} without authentication, and reads bodies of any size.) Everything else is
 * passed to the real server.
 */
final class AgentServer extends HttpServer {

    private final HttpServer real;
    private final Authenticator login;

    AgentServer(HttpServer real, Authenticator login) {
        this.real = real;
        this.login = login;
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        HttpContext context = real.createContext(path, new RequestGuard(handler));
        context.setAuthenticator(login);
        return context;
    }

    @Override
    public HttpContext createContext(String path) {
        throw new UnsupportedOperationException("the agent's contexts come with their handler");
    }

    @Override
    public void bind(InetSocketAddress addr, int backlog) throws IOException {
        real.bind(addr, backlog);
    }

    @Override
    public void start() {
        real.start();
    }

    @Override
    public void setExecutor(Executor executor) {
        real.setExecutor(executor);
    }

    @Override
    public Executor getExecutor() {
        return real.getExecutor();
    }

    @Override
    public void stop(int delay) {
        real.stop(delay);
    }

    @Override
    public void removeContext(String path) {
        real.removeContext(path);
    }

    @Override
    public void removeContext(HttpContext context) {
        real.removeContext(context);
    }

    @Override
    public InetSocketAddress getAddress() {
        return real.getAddress();
    }
}
