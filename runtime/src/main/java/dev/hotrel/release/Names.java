package dev.hotrel.release;

import java.util.regex.Pattern;

/**
 * What names in manifests may look like, checked in one place so that every manifest says the
 * same thing about a bad name.
 *
 * <p>Application and release names are lower-case letters, digits and {@code _}, starting with a
 * letter, and never contain {@code -}: folder and file names join name and version with a dash
 * ({@code lib/counter-1.0.0/}, {@code demo-1.1.0.tar.gz}) and are split at the first one. Lower
 * case only, so that two names never share a folder on a case-insensitive file system.
 */
final class Names {

    static final Pattern APPLICATION = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** As {@link dev.hotrel.api.ChildSpec}'s registered names. */
    static final Pattern SERVER = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    static final Pattern CLASS = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    static final Pattern METHOD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /** A plain file name in the application's folder: no path, no leading dot. */
    static final Pattern JAR = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\.jar");
    static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    private Names() {
    }

    static String application(String field, String name) {
        return check(field, name, APPLICATION, "application name",
                "lower-case letters, digits and '_', starting with a letter, no '-'");
    }

    static String release(String field, String name) {
        return check(field, name, APPLICATION, "release name",
                "lower-case letters, digits and '_', starting with a letter, no '-'");
    }

    static String server(String field, String name) {
        return check(field, name, SERVER, "server name", "letters, digits, '_', '.', '-'");
    }

    static String className(String field, String name) {
        return check(field, name, CLASS, "class name", "a binary class name such as com.example.Store");
    }

    static String method(String field, String name) {
        return check(field, name, METHOD, "method name", "a Java identifier");
    }

    static String jar(String field, String name) {
        return check(field, name, JAR, "jar name", "a plain file name ending in .jar, without a path");
    }

    static String fingerprint(String field, String value) {
        if (value == null) {
            return null;
        }
        return check(field, value, FINGERPRINT, "fingerprint", "sha256: and 64 lower-case hex digits");
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw ManifestException.field(field, "missing");
        }
        return value;
    }

    private static String check(String field, String value, Pattern pattern, String what, String expected) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw ManifestException.field(field, "bad " + what + " '" + value + "' (expected " + expected + ")");
        }
        return value;
    }
}
