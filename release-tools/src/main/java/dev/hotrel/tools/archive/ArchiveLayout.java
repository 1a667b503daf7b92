package dev.hotrel.tools.archive;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Names;
import dev.hotrel.release.Version;
import dev.hotrel.tools.Problem;

import java.util.Optional;

/**
 * Where things are in a release archive {@code NAME-VERSION.tar.gz} (and, the same below its top,
 * in a release root):
 * <pre>
 * CHECKSUMS                       SHA-256 of every other file, sha256sum format
 * SIGNATURE                       optional: an Ed25519 signature of the release and CHECKSUMS
 * releases/VERSION/release.json
 * releases/VERSION/relup.json
 * releases/VERSION/sys.json       optional
 * lib/APP-VSN/app.json
 * lib/APP-VSN/appup.json          optional
 * lib/APP-VSN/*.jar               exactly the jars app.json lists
 * </pre>
 * Paths use {@code /}, are relative, and never contain {@code .} or {@code ..} segments.
 */
public final class ArchiveLayout {

    public static final String CHECKSUMS = "CHECKSUMS";
    /** Not listed in {@code CHECKSUMS}: it signs them ({@link dev.hotrel.tools.trust.ReleaseSignature}). */
    public static final String SIGNATURE = "SIGNATURE";
    public static final String RELEASES = "releases";
    public static final String LIB = "lib";
    public static final String SUFFIX = ".tar.gz";

    private ArchiveLayout() {
    }

    /** {@code releases/VERSION/FILE}. */
    public static String releaseFile(Version version, String file) {
        return RELEASES + "/" + version + "/" + file;
    }

    /** {@code lib/APP-VSN}. */
    public static String appDir(AppRef app) {
        return LIB + "/" + app.dirName();
    }

    /** {@code lib/APP-VSN/FILE}. */
    public static String appFile(AppRef app, String file) {
        return appDir(app) + "/" + file;
    }

    /** The release name and version an archive file name claims ({@code demo-1.1.0.tar.gz}), if it is one. */
    public static Optional<String[]> parseFileName(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = fileName.substring(0, fileName.length() - SUFFIX.length());
        int dash = Names.splitAtVersion(id);
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            Version.parse(id.substring(dash + 1));
        } catch (ManifestException e) {
            return Optional.empty();
        }
        return Optional.of(new String[]{id.substring(0, dash), id.substring(dash + 1)});
    }

    /**
     * Checks that an entry name is a plain relative path that stays inside the folder it is
     * unpacked into: not absolute, no {@code ..}, {@code .} or empty segments, no backslash.
     *
     * @return null if the name is safe, else the problem
     */
    public static Problem unsafeName(String name) {
        if (name.isEmpty()) {
            return Problem.of(Problem.Code.UNSAFE_PATH, name, "has an empty name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            return Problem.of(Problem.Code.UNSAFE_PATH, name, "is an absolute path");
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return Problem.of(Problem.Code.UNSAFE_PATH, name, "contains a backslash or NUL character");
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals("..")) {
                return Problem.of(Problem.Code.UNSAFE_PATH, name, "contains '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return Problem.of(Problem.Code.UNSAFE_PATH, name, "is not a normalized path (empty or '.' segment)");
            }
        }
        return null;
    }
}
