package dev.hotrel.bench.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;

/**
 * One measured figure, printed as one JSON line on stdout: {@code {"figure": NAME, "value": NUMBER,
 * "unit": UNIT}}. The Erlang/OTP side prints the same names, so the names are the contract with
 * {@code bench/compare.sh}; progress goes to stderr ({@link Log}).
 */
public record Figure(String name, double value, String unit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Figure {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("bad figure name '" + name + "' (expected [a-z0-9_]+)");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("figure " + name + " has no finite value: " + value);
        }
    }

    /** The JSON line, values rounded to what the measurement can tell (3 significant decimals at most). */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("figure", name);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            o.put("value", (long) value);
        } else {
            o.put("value", Double.parseDouble(String.format(Locale.ROOT, "%.3f", value)));
        }
        o.put("unit", unit);
        return o.toString();
    }

    /** Prints this figure on stdout (one line, flushed: a parent process reads it as it comes). */
    public void print() {
        synchronized (System.out) {
            System.out.println(toJson());
            System.out.flush();
        }
    }

    public static void print(String name, double value, String unit) {
        new Figure(name, value, unit).print();
    }

    /** The figure on a line a child process printed, or empty if the line is not one. */
    public static Optional<Figure> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(line);
            if (n.hasNonNull("figure") && n.hasNonNull("value") && n.get("value").isNumber()) {
                return Optional.of(new Figure(n.get("figure").asText(), n.get("value").asDouble(),
                        n.path("unit").asText("")));
            }
        } catch (Exception e) {
            // not a figure: the caller passes the line on as progress
        }
        return Optional.empty();
    }
}
