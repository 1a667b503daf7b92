package dev.hotrel.maven;

import dev.hotrel.release.Names;

import java.util.Locale;

/**
 * The application or release name a Maven project gets. A name configured explicitly is taken as it
 * is, or refused; the default, the artifactId, is taken as it is when it is a valid name (as
 * {@code ledger-core} is) and otherwise mapped the predictable way, which the build log states:
 * lower case; every run of characters other than letters, digits and {@code _} becomes one
 * {@code -}; a word that starts with a digit joins the word before it with {@code _}
 * ({@code ledger-2fa} becomes {@code ledger_2fa}); a leading digit gets {@code a} before it.
 */
final class ApplicationName {

    private ApplicationName() {
    }

    /**
     * @param configured the name the plugin's configuration gives, or null
     * @param artifactId the project's artifactId, the default
     * @param what "application" or "release", for messages
     * @throws IllegalArgumentException naming the bad configured name and what is expected
     */
    static Chosen choose(String configured, String artifactId, String what) {
        if (configured != null && !configured.isBlank()) {
            if (!Names.isApplicationName(configured)) {
                throw new IllegalArgumentException("bad " + what + " name '" + configured + "': expected at most 64 "
                        + "lower-case letters, digits, '_' and '-', starting with a letter, a letter after each '-' "
                        + "(e.g. ledger-core)");
            }
            return new Chosen(configured, null);
        }
        if (Names.isApplicationName(artifactId)) {
            return new Chosen(artifactId, null);
        }
        String mapped = map(artifactId);
        if (!Names.isApplicationName(mapped)) {
            throw new IllegalArgumentException("the artifactId '" + artifactId + "' maps to no valid " + what
                    + " name; set the plugin's <name> (e.g. ledger-core)");
        }
        return new Chosen(mapped, "the artifactId '" + artifactId + "' is not a valid " + what + " name; using '"
                + mapped + "' (lower case, '-' between words, '_' before a word that starts with a digit); set "
                + "<name> to choose another");
    }

    static String map(String artifactId) {
        String lower = artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        StringBuilder out = new StringBuilder();
        for (String word : lower.split("-")) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(Character.isDigit(word.charAt(0)) ? '_' : '-');
            } else if (Character.isDigit(word.charAt(0)) || word.charAt(0) == '_') {
                out.append('a');
            }
            out.append(word);
        }
        return out.length() > 64 ? out.substring(0, 64) : out.toString();
    }

    /**
     * @param name the name to use
     * @param mapping how it was mapped from the artifactId, or null if it was not
     */
    record Chosen(String name, String mapping) {
    }
}
