package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}, semver.org 2.0.0), the version of a
 * release, an application or the runtime. Written in JSON as its text, {@code "1.1.0"}.
 *
 * <p>Ordered by semver precedence: numerically by major, minor, patch; a pre-release sorts before
 * its release ({@code 1.0.0-rc.1 < 1.0.0}); pre-release identifiers compare numerically when both
 * are numeric, else as text, numeric before text. Build metadata does not take part in the order,
 * so {@code compareTo} is inconsistent with {@code equals} for versions that differ only in their
 * build (as {@code BigDecimal} is for scale): {@code 1.0.0+a} and {@code 1.0.0+b} are different
 * versions of equal precedence.
 *
 * @param preRelease the dot-separated pre-release identifiers, empty for a release
 * @param build the dot-separated build identifiers, usually empty
 */
public record Version(int major, int minor, int patch, List<String> preRelease, List<String> build)
        implements Comparable<Version> {

    private static final String NUMBER = "0|[1-9]\\d{0,8}";
    private static final String PRE_ID = "0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*";
    private static final Pattern SEMVER = Pattern.compile(
            "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
                    + "(?:-((?:" + PRE_ID + ")(?:\\.(?:" + PRE_ID + "))*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    /** What {@link #parse} accepts, for error messages. */
    public static final String EXPECTED = "MAJOR.MINOR.PATCH[-PRE][+BUILD], e.g. 1.0.0 or 2.1.0-rc.1";

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw ManifestException.field("", "version numbers must not be negative: "
                    + major + "." + minor + "." + patch);
        }
        preRelease = List.copyOf(preRelease);
        build = List.copyOf(build);
    }

    /** A release version without pre-release or build identifiers. */
    public static Version of(int major, int minor, int patch) {
        return new Version(major, minor, patch, List.of(), List.of());
    }

    /**
     * Parses a semantic version.
     *
     * @throws ManifestException naming the text and what was expected
     */
    @JsonCreator
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            throw ManifestException.field("", "bad version '" + text + "' (expected " + EXPECTED + ")");
        }
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")),
                m.group(5) == null ? List.of() : List.of(m.group(5).split("\\.")));
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            // A release outranks any of its pre-releases.
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = compareIdentifiers(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numA = a.chars().allMatch(Character::isDigit);
        boolean numB = b.chars().allMatch(Character::isDigit);
        if (numA && numB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numA != numB) {
            return numA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The version's text, as parsed: {@code 1.1.0-rc.1+build.7}. */
    @JsonValue
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            b.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            b.append('+').append(String.join(".", build));
        }
        return b.toString();
    }
}
