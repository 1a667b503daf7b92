package dev.hotrel.examples.kv;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The commands of kv 2.0.0, one line each, words separated by spaces (so keys and values hold no
 * spaces), one line of reply each:
 * <pre>
 * SET key value [EX seconds]   OK; with EX the key expires after that many seconds
 * GET key                      the value, or (nil)
 * TTL key                      seconds until it expires, -1 if it never does, -2 if there is no such key
 * DEL key                      1 if it was there, else 0
 * INCR key                     adds one to a whole-number value (a missing key counts as 0), keeps its expiry
 * KEYS [prefix]                the keys (starting with prefix), sorted, on one line; (empty) if none
 * COUNT                        how many keys there are
 * STATS                        the command counters of the metrics application
 * PING                         PONG
 * VERSION                      kv 2.0.0
 * QUIT                         BYE, then the store closes the connection
 * </pre>
 * Expired keys are gone for every command at once and dropped from memory when next touched or
 * counted. A mistake is answered with a line starting {@code ERR}; the connection stays open.
 */
final class Commands {

    static final String NUMBER = "2.0.0";
    static final String VERSION = "kv " + NUMBER;
    static final String QUIT = "QUIT";
    static final List<String> KNOWN = List.of("SET", "GET", "TTL", "DEL", "INCR", "KEYS", "COUNT", "STATS", "PING",
            "VERSION", "QUIT");
    /** Ten years: an expiry beyond that is surely a mistake. */
    private static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

    private Commands() {
    }

    /** The command word of a line, upper case; empty for a blank line. */
    static String verb(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** Runs one command line against the state at wall-clock time {@code now} and answers its reply. */
    static String run(String line, StoreState state, long now) {
        String[] w = line.strip().split(" +");
        String verb = w[0].toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "SET" -> set(state, w, now);
            case "GET" -> w.length != 2 ? usage("GET key") : get(state, w[1], now);
            case "TTL" -> w.length != 2 ? usage("TTL key") : ttl(state, w[1], now);
            case "DEL" -> w.length != 2 ? usage("DEL key") : del(state, w[1], now);
            case "INCR" -> w.length != 2 ? usage("INCR key") : incr(state, w[1], now);
            case "KEYS" -> w.length > 2 ? usage("KEYS [prefix]") : keys(state, w.length == 2 ? w[1] : "", now);
            case "COUNT" -> w.length != 1 ? usage("COUNT") : String.valueOf(count(state, now));
            case "STATS" -> w.length != 1 ? usage("STATS") : MetricsReporter.stats();
            case "PING" -> "PONG";
            case "VERSION" -> VERSION;
            case QUIT -> "BYE";
            default -> "ERR unknown command '" + w[0] + "' (" + VERSION + " knows " + String.join(", ", KNOWN) + ")";
        };
    }

    private static String set(StoreState state, String[] w, long now) {
        if (w.length == 3) {
            state.entries.put(w[1], Entry.of(w[2], 0));
            return "OK";
        }
        if (w.length != 5 || !w[3].equalsIgnoreCase("EX")) {
            return usage("SET key value [EX seconds]");
        }
        long seconds;
        try {
            seconds = Long.parseLong(w[4]);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds <= 0 || seconds > MAX_SECONDS) {
            return "ERR EX takes whole seconds from 1 to " + MAX_SECONDS + ", found '" + w[4] + "'";
        }
        state.entries.put(w[1], Entry.of(w[2], now + seconds * 1000));
        return "OK";
    }

    /** The entry of a key that has not expired, or null; an expired one is dropped on the way. */
    static Entry live(StoreState state, String key, long now) {
        Entry e = state.entries.get(key);
        if (e != null && e.expiredAt(now)) {
            state.entries.remove(key);
            return null;
        }
        return e;
    }

    private static String get(StoreState state, String key, long now) {
        Entry e = live(state, key, now);
        return e == null ? "(nil)" : e.value;
    }

    private static String ttl(StoreState state, String key, long now) {
        Entry e = live(state, key, now);
        if (e == null) {
            return "-2";
        }
        return e.expiresAtMillis == 0 ? "-1" : String.valueOf((e.expiresAtMillis - now + 999) / 1000);
    }

    private static String del(StoreState state, String key, long now) {
        return live(state, key, now) != null && state.entries.remove(key) != null ? "1" : "0";
    }

    private static String incr(StoreState state, String key, long now) {
        Entry e = live(state, key, now);
        long value;
        try {
            value = e == null ? 0 : Long.parseLong(e.value);
            value = Math.addExact(value, 1);
        } catch (NumberFormatException | ArithmeticException x) {
            return "ERR the value of '" + key + "' is not a whole number below " + Long.MAX_VALUE;
        }
        state.entries.put(key, Entry.of(String.valueOf(value), e == null ? 0 : e.expiresAtMillis));
        return String.valueOf(value);
    }

    private static String keys(StoreState state, String prefix, long now) {
        count(state, now);
        String keys = state.entries.keySet().stream().filter(k -> k.startsWith(prefix)).sorted()
                .collect(Collectors.joining(" "));
        return keys.isEmpty() ? "(empty)" : keys;
    }

    static int count(StoreState state, long now) {
        state.entries.values().removeIf(e -> e.expiredAt(now));
        return state.entries.size();
    }

    private static String usage(String form) {
        return "ERR wrong arguments (expected: " + form + ")";
    }
}
