package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The version an appup entry applies to: an exact version ({@code 1.0.0}) or a prefix pattern
 * ({@code 1.0.*}, {@code 1.*}, {@code *}), Hotrel's answer to the regular expressions OTP allows
 * in {@code .appup} files. Written in JSON as its text.
 *
 * <p>{@code 1.0.*} matches every version whose major is 1 and minor is 0, pre-releases included
 * ({@code 1.0.0-rc.1}, {@code 1.0.7}); {@code 1.*} every version whose major is 1; {@code *}
 * every version. An exact pattern matches that version only, build metadata included.
 */
public record VersionPattern(String text) {

    public VersionPattern {
        Objects.requireNonNull(text, "text");
        if (!text.equals("*") && !text.matches("(0|[1-9]\\d{0,8})(\\.(0|[1-9]\\d{0,8})){0,1}\\.\\*")) {
            Version.parse(text); // an exact version, or a ManifestException saying what was expected
        }
    }

    @JsonCreator
    public static VersionPattern parse(String text) {
        try {
            return new VersionPattern(text);
        } catch (ManifestException e) {
            throw ManifestException.field("", "bad version pattern '" + text
                    + "' (expected a version such as 1.0.0, or a prefix such as 1.0.* or 1.* or *)");
        }
    }

    /** Whether this is a prefix pattern rather than an exact version. */
    public boolean isWildcard() {
        return text.endsWith("*");
    }

    public boolean matches(Version version) {
        if (!isWildcard()) {
            return Version.parse(text).equals(version);
        }
        if (text.equals("*")) {
            return true;
        }
        String[] prefix = text.substring(0, text.length() - 2).split("\\.");
        int[] numbers = {version.major(), version.minor()};
        for (int i = 0; i < prefix.length; i++) {
            if (Integer.parseInt(prefix[i]) != numbers[i]) {
                return false;
            }
        }
        return true;
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
