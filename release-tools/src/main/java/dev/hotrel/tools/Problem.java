package dev.hotrel.tools;

import java.util.Objects;

/**
 * One thing wrong with a release archive or with the inputs of {@code hotrel pack}: a reason code
 * with its arguments, formatted into a sentence in one place ({@link Code#format}). Each is the
 * fault of whoever made the archive or the inputs, never of the tool or the node.
 *
 * @param code what kind of problem
 * @param message the formatted sentence, naming the entry, file, application or class concerned
 */
public record Problem(Code code, String message) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(Code code, Object... args) {
        return new Problem(code, code.format(args));
    }

    @Override
    public String toString() {
        return message;
    }

    /** The reasons, each with the sentence that explains it. */
    public enum Code {
        // ---- the archive as a file ------------------------------------------------------------
        /** An entry name that could write outside the folder it is unpacked into. */
        UNSAFE_PATH("entry '%s' %s; refused because unpacking it could write outside the release"),
        LINK("entry '%s' is a %s link (to '%s'); archives may hold only files and folders"),
        SPECIAL_FILE("entry '%s' is a %s; archives may hold only files and folders"),
        DUPLICATE_ENTRY("entry '%s' appears twice in the archive"),
        PATH_CONFLICT("entry '%s' needs a folder where the archive already has a file"),
        ENTRY_TOO_LARGE("entry '%s' declares %s bytes, more than the limit of %s bytes per entry "
                + "(a decompression bomb? raise --max-entry-size if it is genuine)"),
        ARCHIVE_TOO_LARGE("the archive unpacks to more than %s bytes (a decompression bomb? raise "
                + "--max-total-size if it is genuine)"),
        TOO_MANY_ENTRIES("the archive has more than %s entries"),
        CORRUPT("the archive is corrupt: %s"),
        BAD_FILE_NAME("archive file name '%s' is not NAME-VERSION.tar.gz"),

        // ---- CHECKSUMS -------------------------------------------------------------------------
        NO_CHECKSUMS("the archive has no CHECKSUMS file"),
        BAD_CHECKSUMS("CHECKSUMS line %s: %s"),
        CHECKSUM_MISMATCH("'%s' does not match CHECKSUMS: expected SHA-256 %s, the content has %s"),
        NOT_IN_CHECKSUMS("'%s' is in the archive but not in CHECKSUMS"),
        MISSING_FILE("'%s' is listed in CHECKSUMS but not in the archive"),

        // ---- SIGNATURE -------------------------------------------------------------------------
        UNSIGNED("the archive is not signed, and this root accepts only releases signed by a key it trusts "
                + "(%s: %s key(s)); sign it with 'hotrel pack --sign KEY'"),
        UNTRUSTED_SIGNER("the archive is signed by '%s' (key %s), which this root does not trust; if you do, "
                + "add that public key to %s"),
        BAD_SIGNATURE("SIGNATURE: %s"),

        // ---- the release's structure and manifests ---------------------------------------------
        BAD_MANIFEST("%s"),
        UNEXPECTED_ENTRY("unexpected entry '%s' (%s)"),
        MISSING_MANIFEST("missing %s"),
        MISSING_JAR("%s lists jar '%s', but %s has no such file"),
        NAME_MISMATCH("%s says %s, but %s"),
        MISSING_APPLICATION("release %s names application %s, but %s"),
        FINGERPRINT_MISMATCH("release.json of %s says fingerprint %s, but its applications' content gives %s"),
        BAD_DEPENDENCY("application %s depends on '%s', %s"),

        // ---- plans and instructions ------------------------------------------------------------
        BAD_PLAN("relup.json: %s"),
        NO_APPUP_ENTRY("application %s changes from %s to %s, but %s (write that entry in "
                + "lib/%s/appup.json)"),
        BAD_INSTRUCTION("%s: '%s' %s"),
        MISSING_CLASS("%s: %s %s"),
        UNCOVERED_CHANGE("%s: server '%s' of application %s changed between %s and %s (%s), but no "
                + "instruction migrates it; add {\"update\": \"%s\"} (or restart) to the appup entry, or pack "
                + "with --allow-uncovered"),

        // ---- inputs of pack --------------------------------------------------------------------
        NOT_FOUND("%s"),
        BAD_INPUT("%s");

        private final String template;

        Code(String template) {
            this.template = template;
        }

        /** The one formatter of problem sentences. */
        public String format(Object... args) {
            return String.format(java.util.Locale.ROOT, template, args);
        }
    }
}
