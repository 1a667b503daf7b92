package dev.hotrel.release;

import java.util.regex.Pattern;

/**
 * What names in manifests may look like, checked in one place so that every manifest says the
 * same thing about a bad name.
 *
 * <p>Application and release names are words of lower-case letters, digits and {@code _}, each
 * starting with a letter, joined by single dashes: {@code kv}, {@code ledger_core}, and Maven's
 * artifactIds such as {@code ledger-core}. Folder and file names join name and version with a
 * dash ({@code lib/ledger-core-1.0.0/}, {@code demo-1.1.0.tar.gz}); a version starts with a digit
 * and no word of a name does, so such a name is split at the first dash followed by a digit
 * ({@link #splitAtVersion}). Lower case only, so that two names never share a folder on a
 * case-insensitive file system.
 */
public final class Names {

    static final Pattern APPLICATION = Pattern.compile("(?=.{1,64}$)[a-z][a-z0-9_]*(-[a-z][a-z0-9_]*)*");
    private static final String APPLICATION_EXPECTED = "at most 64 lower-case letters, digits, '_' and '-', "
            + "starting with a letter, a letter after each '-', e.g. ledger-core";
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

    /** Whether {@code name} may name an application or a release (see the class comment). */
    public static boolean isApplicationName(String name) {
        return name != null && APPLICATION.matcher(name).matches();
    }

    static String application(String field, String name) {
        return check(field, name, APPLICATION, "application name", APPLICATION_EXPECTED);
    }

    static String release(String field, String name) {
        return check(field, name, APPLICATION, "release name", APPLICATION_EXPECTED);
    }

    /**
     * Where a folder or file name {@code NAME-VERSION} splits: the index of the first dash followed
     * by a digit, or -1. Unambiguous because no word of a valid name starts with a digit.
     */
    public static int splitAtVersion(String id) {
        for (int i = id.indexOf('-'); i >= 0; i = id.indexOf('-', i + 1)) {
            if (i + 1 < id.length() && Character.isDigit(id.charAt(i + 1))) {
                return i;
            }
        }
        return -1;
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
