package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Plain HTTP to a node's Jolokia agent, as curl or a script would do it. Public for the example
 * releases' tests. Without a user it presents the fixtures' deployer ({@link TestUsers}), whom every
 * fixture node knows; {@link #anonymous} sends no credentials at all.
 */
public final class Jolokia {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String url;
    private final String authorization;

    /** @param user null for the fixtures' deployer */
    public Jolokia(String url, String user, String password) {
        this(url, user, password, null);
    }

    /**
     * @param user null for the fixtures' deployer
     * @param tls the trust for an HTTPS agent, or null
     */
    public Jolokia(String url, String user, String password, javax.net.ssl.SSLContext tls) {
        this(url, user == null ? TestUsers.DEPLOYER : user, user == null ? TestUsers.DEPLOYER_PASSWORD : password, tls, true);
    }

    /** Sends no credentials: what a stranger on the machine would send. */
    public static Jolokia anonymous(String url) {
        return new Jolokia(url, null, null, null, false);
    }

    private Jolokia(String url, String user, String password, javax.net.ssl.SSLContext tls, boolean authenticate) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.url = url.endsWith("/") ? url : url + "/";
        this.authorization = !authenticate ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** As the fixtures' deployer. */
    public Jolokia(String url) {
        this(url, null, null);
    }

    /** POSTs one request; returns the HTTP status and the JSON body. */
    public Response post(Map<String, Object> request, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body().isEmpty() ? null : parse(r.body()));
    }

    public Response post(Map<String, Object> request) throws Exception {
        return post(request, Map.of());
    }

    /** An exec request; returns the response (check {@code status} in the body: Jolokia says 403 there). */
    public Response exec(String mbean, String operation, Object... args) throws Exception {
        return post(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", args));
    }

    public Response read(String mbean, String attribute) throws Exception {
        return post(Map.of("type", "read", "mbean", mbean, "attribute", attribute));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** The value of a request that succeeded; a test fails with the node's whole answer otherwise. */
    public static JsonNode ok(Response r) {
        org.junit.jupiter.api.Assertions.assertEquals(200, r.status(), () -> r.body().toString());
        return r.value();
    }

    public record Response(int http, JsonNode body) {
        public int status() {
            return body.path("status").asInt();
        }

        public JsonNode value() {
            return body.path("value");
        }

        public String error() {
            return body.path("error").asText();
        }
    }
}
