package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A release's health gate, the {@code health} of its {@code release.json}: how a node that has just
 * installed the release in place judges it before keeping it.
 *
 * <pre>{@code
 * "health": {
 *   "server": "health", "request": "health?", "healthy": "ok",
 *   "intervalMillis": 500, "passes": 3, "timeoutMillis": 30000, "probeTimeoutMillis": 2000,
 *   "makePermanent": true
 * }
 * }</pre>
 *
 * <p>Every {@code intervalMillis} the node calls {@code server} with {@code request} through the
 * normal server call path, waiting at most {@code probeTimeoutMillis} (and never past the time
 * allowed). The gate passes after {@code passes} healthy replies in a row (a reply equal to
 * {@code healthy}, numbers compared by value). It fails at once on a reply that is not the healthy
 * one (the server answered: it is unhealthy), and when {@code timeoutMillis} after the install
 * have gone by without enough passes (probes that get no reply — a timeout, no such server, a
 * crash — reset the count and are tried again until then).
 *
 * @param server the registered name of the server to ask
 * @param request the request, a JSON value (a JDK value on the node: String, Number, Boolean, Map, List)
 * @param healthy the reply that means healthy, a JSON value
 * @param intervalMillis between the start of one probe and the next; default 1000
 * @param passes healthy replies in a row needed; default 3
 * @param timeoutMillis the time allowed, from the end of the install; default 60000
 * @param probeTimeoutMillis how long one probe waits for its reply; default 2000
 * @param makePermanent whether the node makes the release permanent once the gate passes; default false
 */
@JsonPropertyOrder({"server", "request", "healthy", "intervalMillis", "passes", "timeoutMillis", "probeTimeoutMillis",
        "makePermanent"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthGate(String server, Object request, Object healthy, Long intervalMillis, Integer passes,
                         Long timeoutMillis, Long probeTimeoutMillis, Boolean makePermanent) {

    public HealthGate {
        Names.required("server", server);
        if (server.isBlank()) {
            throw ManifestException.field("server", "the server to ask must be named");
        }
        request = JsonValues.freeze("request", Names.required("request", request));
        healthy = JsonValues.freeze("healthy", Names.required("healthy", healthy));
        intervalMillis = positive("intervalMillis", intervalMillis, 1000L);
        passes = (int) (long) positive("passes", passes == null ? null : (long) passes, 3L);
        timeoutMillis = positive("timeoutMillis", timeoutMillis, 60_000L);
        probeTimeoutMillis = positive("probeTimeoutMillis", probeTimeoutMillis, 2000L);
        makePermanent = makePermanent != null && makePermanent;
    }

    private static Long positive(String field, Long value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value <= 0) {
            throw ManifestException.field(field, "must be more than 0, got " + value);
        }
        return value;
    }

    /** Whether {@code reply} is the healthy one: equal JSON values, numbers by value ({@code 1} is {@code 1.0}). */
    public boolean isHealthy(Object reply) {
        return same(healthy, reply);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            try {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
            } catch (NumberFormatException e) {
                return x.doubleValue() == y.doubleValue(); // NaN, infinity
            }
        }
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            return m.size() == n.size() && m.entrySet().stream()
                    .allMatch(e -> n.containsKey(e.getKey()) && same(e.getValue(), n.get(e.getKey())));
        }
        if (a instanceof List<?> l && b instanceof List<?> k) {
            if (l.size() != k.size()) {
                return false;
            }
            Iterator<?> i = l.iterator();
            Iterator<?> j = k.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
