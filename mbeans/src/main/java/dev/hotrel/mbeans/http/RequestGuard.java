package dev.hotrel.mbeans.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import java.util.Iterator;
import java.util.Map;

/**
 * Checks the size of a management request before Jolokia parses it, after the login: a body over
 * {@value #MAX_BODY} bytes, a URL over {@value #MAX_URL} characters, or any string in the JSON
 * request over {@value #MAX_STRING} characters (but the piece of an {@code uploadChunk}) is refused
 * with a Jolokia-style error ({@code status} 400) that says so in one short line. Jolokia itself
 * would read any body into memory, and its own errors (a number that is none, an unknown operation)
 * echo their input whole. Everything else passes unchanged to Jolokia's handler.
 */
final class RequestGuard implements HttpHandler {

    /** An upload piece is 512 KB, 700 KB in base64; room to spare, and still bounded. */
    static final int MAX_BODY = 2 << 20;
    static final int MAX_URL = 4096;
    static final int MAX_STRING = 1024;
    /** How much of an oversized body is read and dropped before answering. */
    static final long MAX_DRAIN = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpHandler jolokia;

    RequestGuard(HttpHandler jolokia) {
        this.jolokia = jolokia;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().toString().length() > MAX_URL) {
            refuse(exchange, "the request's URL is " + exchange.getRequestURI().toString().length() + " characters long; at most "
                    + MAX_URL + " (send long arguments by POST)");
            return;
        }
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            jolokia.handle(exchange);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                // Read on (to a point) so that the client, still sending, gets the answer rather than a reset.
                long skipped = 0;
                byte[] drop = new byte[64 * 1024];
                for (int n; skipped < MAX_DRAIN && (n = in.read(drop)) > 0; ) {
                    skipped += n;
                }
                refuse(exchange, "the request's body is over " + MAX_BODY + " bytes (" + (body.length + skipped)
                        + (skipped >= MAX_DRAIN ? " or more" : "") + "); nothing was done");
                return;
            }
        }
        String problem = problem(body);
        if (problem != null) {
            refuse(exchange, problem + "; nothing was done");
            return;
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        jolokia.handle(exchange);
    }

    /** What is too long in a request (or each request of a bulk one), or null. Not JSON: Jolokia says so. */
    static String problem(byte[] body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (tree == null) {
            return null;
        }
        for (JsonNode request : tree.isArray() ? tree : java.util.List.of(tree)) {
            String operation = request.path("operation").asText("");
            JsonNode piece = operation.startsWith("uploadChunk") ? request.path("arguments").path(1) : null;
            String found = tooLong(request, "request", piece);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String tooLong(JsonNode node, String where, JsonNode exempt) {
        if (node == exempt) {
            return null;
        }
        if (node.isTextual() && node.textValue().length() > MAX_STRING) {
            return where + " is " + node.textValue().length() + " characters long; at most " + MAX_STRING;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().length() > MAX_STRING) {
                    return "a field name in the " + where + " is " + field.getKey().length() + " characters long; at most " + MAX_STRING;
                }
                String found = tooLong(field.getValue(), nameOf(where, field.getKey()), exempt);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = tooLong(node.get(i), where.equals("the request's arguments") ? "argument " + (i + 1)
                        : where + ", element " + (i + 1), exempt);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String nameOf(String where, String field) {
        return "request".equals(where) ? "the request's " + field : where + "." + field;
    }

    /** As Jolokia answers a request it cannot serve: HTTP 200, the status in the JSON. */
    private static void refuse(HttpExchange exchange, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.put("status", 400);
        error.put("error_type", IllegalArgumentException.class.getName());
        error.put("error", IllegalArgumentException.class.getName() + " : " + message);
        byte[] bytes = JSON.writeValueAsBytes(error);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
