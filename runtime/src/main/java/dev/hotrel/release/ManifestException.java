package dev.hotrel.release;

import java.util.Objects;

/**
 * A manifest ({@code release.json}, {@code app.json}, {@code appup.json}, {@code relup.json},
 * {@code sys.json} or {@code RELEASES.json}) that is not what Hotrel expects: invalid JSON, a
 * missing or unknown field, a value of the wrong type, a malformed version, an unknown
 * instruction, a duplicate application. Always the fault of whoever wrote the file, never of the
 * node.
 *
 * <p>Every instance names the field ({@code applications[1].version}) and, once the file is known,
 * the file. The message is formatted in one place, {@link #getMessage()}:
 * {@code "lib/counter-1.0.0/app.json: servers.counter: expected a string, found 1"}.
 *
 * <p>It is an {@link IllegalArgumentException} because the manifest records throw it from their
 * constructors too, where it says which argument was wrong; {@link Manifests} then adds the file
 * and the path to the field.
 */
public final class ManifestException extends IllegalArgumentException {

    private final String file;
    private final String field;
    private final String problem;

    /**
     * @param file the file, as the reader knows it ({@code releases/1.1.0/release.json}), or null
     * @param field the path to the field in that file ({@code applications[1].version}); empty for
     *              the whole file
     * @param problem what is wrong, and what was expected
     */
    public ManifestException(String file, String field, String problem, Throwable cause) {
        super(format(file, field, problem), cause);
        this.file = file;
        this.field = Objects.requireNonNullElse(field, "");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** A problem found by a manifest record's constructor, before the file is known. */
    public static ManifestException field(String field, String problem) {
        return new ManifestException(null, field, problem, null);
    }

    /** The file, or null when the manifest was built in code. */
    public String file() {
        return file;
    }

    /** The path to the offending field, {@code ""} for the whole file. */
    public String field() {
        return field;
    }

    /** What is wrong, without file and field. */
    public String problem() {
        return problem;
    }

    /** This problem, placed in {@code file} under {@code path} (the path of the record it came from). */
    public ManifestException in(String file, String path) {
        return new ManifestException(file, join(path, field), problem, this);
    }

    static String join(String path, String field) {
        if (path == null || path.isEmpty()) {
            return field == null ? "" : field;
        }
        if (field == null || field.isEmpty()) {
            return path;
        }
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    private static String format(String file, String field, String problem) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(problem).toString();
    }
}
