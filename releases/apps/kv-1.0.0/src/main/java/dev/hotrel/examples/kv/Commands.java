package dev.hotrel.examples.kv;

import java.util.Locale;

/**
 * The commands of kv 1.0.0, one line each, words separated by spaces (so keys and values hold no
 * spaces), one line of reply each:
 * <pre>
 * SET key value   OK
 * GET key         the value, or (nil)
 * DEL key         1 if it was there, else 0
 * COUNT           how many keys there are
 * PING            PONG
 * VERSION         kv 1.0.0
 * QUIT            BYE, then the store closes the connection
 * </pre>
 * A mistake is answered with a line starting {@code ERR}; the connection stays open.
 */
final class Commands {

    static final String NUMBER = "1.0.0";
    static final String VERSION = "kv " + NUMBER;
    static final String QUIT = "QUIT";
    private static final String KNOWN = "SET, GET, DEL, COUNT, PING, VERSION, QUIT";

    private Commands() {
    }

    /** The command word of a line, upper case; empty for a blank line. */
    static String verb(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** Runs one command line against the state and answers its reply (without the newline). */
    static String run(String line, StoreState state) {
        String[] w = line.strip().split(" +");
        String verb = w[0].toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "SET" -> w.length != 3 ? usage("SET key value") : set(state, w[1], w[2]);
            case "GET" -> w.length != 2 ? usage("GET key") : state.values.getOrDefault(w[1], "(nil)");
            case "DEL" -> w.length != 2 ? usage("DEL key") : state.values.remove(w[1]) != null ? "1" : "0";
            case "COUNT" -> w.length != 1 ? usage("COUNT") : String.valueOf(state.values.size());
            case "PING" -> "PONG";
            case "VERSION" -> VERSION;
            case QUIT -> "BYE";
            default -> "ERR unknown command '" + w[0] + "' (" + VERSION + " knows " + KNOWN + ")";
        };
    }

    private static String set(StoreState state, String key, String value) {
        state.values.put(key, value);
        return "OK";
    }

    private static String usage(String form) {
        return "ERR wrong arguments (expected: " + form + ")";
    }
}
