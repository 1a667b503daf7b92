package dev.hotrel.tools.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What an install did, in words: the lines {@code install}, {@code rollback} and {@code deploy} print. */
final class InstallSummaryText {

    private InstallSummaryText() {
    }

    /**
     * @param result the install's summary; one whose {@code restart} is set was not switched in
     *        place, and says what happens instead (a node restart into the release)
     */
    @SuppressWarnings("unchecked")
    static List<String> lines(String verb, Object result) {
        Map<String, Object> r = (Map<String, Object>) result;
        if (isRestart(r)) {
            return List.of(String.valueOf(r.get("restart")));
        }
        List<Object> moved = (List<Object>) r.get("moved");
        long pause = ((Number) r.get("longestPauseMicros")).longValue();
        String line = verb + " " + r.get("to") + " (from " + r.get("from") + "): "
                + (moved.isEmpty() ? "no server moved" : moved.size() + " server(s) moved (" + join(moved) + ")")
                + ", longest pause " + String.format(Locale.ROOT, "%.1f ms", pause / 1000.0)
                + ", took " + r.get("tookMillis") + " ms";
        List<Object> warnings = (List<Object>) r.get("warnings");
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(line),
                warnings.stream().map(w -> "warning: " + w)).toList();
    }

    /**
     * The applications of the installed release that do not run after it ({@code app (why)}): it
     * cannot be made permanent until they do. Empty for a complete install (and for a node that
     * does not report them).
     */
    @SuppressWarnings("unchecked")
    static List<String> notRunning(Object result) {
        Object apps = ((Map<String, Object>) result).get("notRunning");
        return apps == null ? List.of() : ((List<Object>) apps).stream().map(String::valueOf).toList();
    }

    /** Whether the install asked for a node restart instead of switching in place. */
    @SuppressWarnings("unchecked")
    static boolean isRestart(Object result) {
        Object restart = ((Map<String, Object>) result).get("restart");
        return restart != null && !restart.toString().isEmpty();
    }

    private static String join(List<Object> items) {
        return String.join(", ", items.stream().map(String::valueOf).toList());
    }
}
