package dev.hotrel.handler;

/**
 * How a caller's input is quoted back in an error: once, in quotes, control characters shown as
 * {@code ?} (a newline must not forge a second log line), and cut to {@value #MAX} characters with
 * the full length said, so that a megabyte sent is not a megabyte returned, logged and shown by
 * {@code status}. Input longer than a name or version can be is refused before anything runs
 * ({@link #check}).
 */
public final class Echo {

    static final int MAX = 80;
    /** The longest archive name the handler takes (a file name). */
    public static final int MAX_INPUT = 255;
    /** The longest version the handler takes. */
    static final int MAX_VERSION = 64;

    private Echo() {
    }

    /** {@code 'text'}, or {@code 'first 60 characters…' (N characters)}; {@code (none)} for null. */
    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String shown = text.length() <= MAX ? text : text.substring(0, MAX - 20);
        shown = shown.replaceAll("\\p{Cntrl}", "?");
        return text.length() <= MAX ? "'" + shown + "'" : "'" + shown + "…' (" + text.length() + " characters)";
    }

    /**
     * Refuses a missing, empty or overlong argument, before any operation runs or is recorded.
     *
     * @param what the argument's name and what it looks like, e.g. {@code "version (e.g. 1.1.0)"}
     * @throws HandlerException BAD_ARGUMENT
     */
    static String check(String value, String what) {
        return check(value, what, MAX_INPUT);
    }

    /** As {@link #check(String, String)}, with a shorter limit. */
    static String check(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new HandlerException(Reason.BAD_ARGUMENT, "no " + what + " given");
        }
        if (value.length() > max) {
            throw new HandlerException(Reason.BAD_ARGUMENT, what + " " + quote(value) + " is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new HandlerException(Reason.BAD_ARGUMENT, what + " " + quote(value) + " contains control characters");
        }
        return value;
    }
}
