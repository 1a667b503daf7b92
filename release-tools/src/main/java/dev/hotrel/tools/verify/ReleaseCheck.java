package dev.hotrel.tools.verify;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.SysConfig;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.archive.ExtractedFiles;
import dev.hotrel.tools.archive.Fingerprint;
import dev.hotrel.tools.plan.DependencyOrder;
import dev.hotrel.tools.plan.PlanCheck;
import dev.hotrel.tools.plan.ReleaseContent;
import dev.hotrel.tools.trust.ReleaseSignature;
import dev.hotrel.tools.trust.TrustedKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an unpacked archive, in passes that each need the previous one to hold: the checksums
 * (nothing is trusted before they match), then the layout, then the manifests, then the
 * fingerprint and the plans. Within a pass every problem is collected, so one run of
 * {@code hotrel verify} lists them all.
 */
final class ReleaseCheck {

    private final ExtractedFiles files;
    private final String archiveName;
    private final List<Problem> problems = new ArrayList<>();

    private ReleaseCheck(ExtractedFiles files, String archiveName) {
        this.files = files;
        this.archiveName = archiveName;
    }

    static VerifiedRelease check(ExtractedFiles files, String archiveName) throws InvalidReleaseException, IOException {
        return new ReleaseCheck(files, archiveName).run();
    }

    private VerifiedRelease run() throws InvalidReleaseException, IOException {
        Checksums checksums = checksums();
        stopIfProblems();
        Path dir = files.dir();
        String version = layout();
        stopIfProblems();
        String releasePath = ArchiveLayout.RELEASES + "/" + version + "/";
        Release release = manifest(dir.resolve(releasePath + Manifests.RELEASE), Release.class,
                releasePath + Manifests.RELEASE);
        stopIfProblems();
        fileName(release, version);
        ReleaseSignature signature = signature(release);
        Relup relup = manifest(dir.resolve(releasePath + Manifests.RELUP), Relup.class, releasePath + Manifests.RELUP);
        SysConfig sys = Files.exists(dir.resolve(releasePath + Manifests.SYS))
                ? manifest(dir.resolve(releasePath + Manifests.SYS), SysConfig.class, releasePath + Manifests.SYS)
                : null;
        List<AppFolder> apps = applications(release);
        stopIfProblems();
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        apps.forEach(a -> specs.put(a.spec().name(), a.spec()));
        DependencyOrder.of(release, specs, problems);
        if (sys != null) {
            for (String app : sys.applications().keySet()) {
                if (release.application(app).isEmpty()) {
                    problems.add(Problem.of(Code.BAD_MANIFEST, releasePath + Manifests.SYS + ": " + app
                            + ": configuration for an application that release " + release.id() + " does not include"));
                }
            }
        }
        String fingerprint = Fingerprint.of(checksums, release.applications());
        if (release.fingerprint() == null) {
            problems.add(Problem.of(Code.FINGERPRINT_MISMATCH, release.id(), "nothing", fingerprint));
        } else if (!release.fingerprint().equals(fingerprint)) {
            problems.add(Problem.of(Code.FINGERPRINT_MISMATCH, release.id(), release.fingerprint(), fingerprint));
        }
        PlanCheck.check(release, specs, relup, problems);
        stopIfProblems();
        return new VerifiedRelease(dir, archiveName, new ReleaseContent(release, apps, fingerprint), relup, sys,
                checksums, signature);
    }

    /** Every file but CHECKSUMS is listed, every listed file is there, every hash matches. */
    private Checksums checksums() throws IOException {
        if (!files.files().containsKey(ArchiveLayout.CHECKSUMS)) {
            problems.add(Problem.of(Code.NO_CHECKSUMS));
            return null;
        }
        Checksums checksums = Checksums.parse(Files.readAllBytes(files.dir().resolve(ArchiveLayout.CHECKSUMS)), problems);
        if (checksums == null) {
            return null;
        }
        files.files().forEach((path, hash) -> {
            if (path.equals(ArchiveLayout.CHECKSUMS) || path.equals(ArchiveLayout.SIGNATURE)) {
                return;
            }
            String expected = checksums.files().get(path);
            if (expected == null) {
                problems.add(Problem.of(Code.NOT_IN_CHECKSUMS, path));
            } else if (!expected.equals(hash)) {
                problems.add(Problem.of(Code.CHECKSUM_MISMATCH, path, expected, hash));
            }
        });
        for (String path : checksums.files().keySet()) {
            if (!files.files().containsKey(path)) {
                problems.add(Problem.of(Code.MISSING_FILE, path));
            }
        }
        return checksums;
    }

    /** Only CHECKSUMS, one releases/VERSION/ and lib/APP-VSN/ folders; returns VERSION. */
    private String layout() {
        Set<String> versions = new TreeSet<>();
        for (String path : files.files().keySet()) {
            String[] parts = path.split("/");
            if (path.equals(ArchiveLayout.CHECKSUMS) || path.equals(ArchiveLayout.SIGNATURE)) {
                continue;
            }
            if (parts[0].equals(ArchiveLayout.RELEASES) && parts.length == 3) {
                versions.add(parts[1]);
                if (!Set.of(Manifests.RELEASE, Manifests.RELUP, Manifests.SYS).contains(parts[2])) {
                    problems.add(Problem.of(Code.UNEXPECTED_ENTRY, path,
                            "a release folder holds release.json, relup.json and sys.json"));
                }
            } else if (!(parts[0].equals(ArchiveLayout.LIB) && parts.length == 3)) {
                problems.add(Problem.of(Code.UNEXPECTED_ENTRY, path,
                        "an archive holds CHECKSUMS, releases/VERSION/*.json and lib/APP-VSN/*"));
            }
        }
        for (String dir : files.dirs()) {
            String[] parts = dir.split("/");
            boolean known = (parts[0].equals(ArchiveLayout.RELEASES) || parts[0].equals(ArchiveLayout.LIB))
                    && parts.length <= 2;
            if (!known) {
                problems.add(Problem.of(Code.UNEXPECTED_ENTRY, dir + "/", "no such folder in a release archive"));
            }
        }
        if (versions.size() > 1) {
            problems.add(Problem.of(Code.UNEXPECTED_ENTRY, ArchiveLayout.RELEASES + "/",
                    "an archive holds one release, this one has " + String.join(", ", versions)));
        }
        if (versions.isEmpty()) {
            problems.add(Problem.of(Code.MISSING_MANIFEST, "releases/VERSION/" + Manifests.RELEASE));
            return null;
        }
        String version = versions.iterator().next();
        for (String required : List.of(Manifests.RELEASE, Manifests.RELUP)) {
            if (!files.files().containsKey(ArchiveLayout.RELEASES + "/" + version + "/" + required)) {
                problems.add(Problem.of(Code.MISSING_MANIFEST, ArchiveLayout.RELEASES + "/" + version + "/" + required));
            }
        }
        return version;
    }

    private void fileName(Release release, String folderVersion) {
        if (!release.version().toString().equals(folderVersion)) {
            problems.add(Problem.of(Code.NAME_MISMATCH, "folder releases/" + folderVersion + "/",
                    "version " + folderVersion, "its release.json says " + release.version()));
        }
        Optional<String[]> claimed = ArchiveLayout.parseFileName(archiveName);
        if (claimed.isEmpty()) {
            problems.add(Problem.of(Code.BAD_FILE_NAME, archiveName));
        } else if (!claimed.get()[0].equals(release.name()) || !claimed.get()[1].equals(release.version().toString())) {
            problems.add(Problem.of(Code.NAME_MISMATCH, "archive file name " + archiveName,
                    "release " + claimed.get()[0] + " " + claimed.get()[1],
                    "its release.json says " + release.id() + " (expected " + release.archiveName() + ")"));
        }
    }

    /**
     * A signature, where there is one, must verify over CHECKSUMS and sign this release's name and
     * version, whether or not anyone trusts its key (trust is the root's, {@link TrustedKeys}).
     */
    private ReleaseSignature signature(Release release) throws IOException {
        if (!files.files().containsKey(ArchiveLayout.SIGNATURE)) {
            return null;
        }
        ReleaseSignature signature;
        try {
            signature = ReleaseSignature.parse(Files.readAllBytes(files.dir().resolve(ArchiveLayout.SIGNATURE)));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.of(Code.BAD_SIGNATURE, e.getMessage()));
            return null;
        }
        if (!signature.verifies(Files.readAllBytes(files.dir().resolve(ArchiveLayout.CHECKSUMS)))) {
            problems.add(Problem.of(Code.BAD_SIGNATURE,
                    "the signature does not match the release's CHECKSUMS (changed after signing)"));
            return null;
        }
        if (!signature.name().equals(release.name()) || !signature.version().equals(release.version().toString())) {
            problems.add(Problem.of(Code.BAD_SIGNATURE, "it signs release " + signature.name() + " "
                    + signature.version() + ", but the archive holds " + release.id()));
            return null;
        }
        return signature;
    }

    private List<AppFolder> applications(Release release) throws IOException {
        Set<String> expected = new TreeSet<>();
        release.applications().forEach(a -> expected.add(a.dirName()));
        for (String dir : files.dirs()) {
            String[] parts = dir.split("/");
            if (parts[0].equals(ArchiveLayout.LIB) && parts.length == 2 && !expected.contains(parts[1])) {
                problems.add(Problem.of(Code.UNEXPECTED_ENTRY, dir + "/",
                        "release " + release.id() + " names no application version " + parts[1]));
            }
        }
        List<AppFolder> apps = new ArrayList<>();
        for (AppRef app : release.applications()) {
            String shown = ArchiveLayout.appDir(app);
            Path dir = files.dir().resolve(shown);
            if (!Files.isDirectory(dir)) {
                problems.add(Problem.of(Code.MISSING_APPLICATION, release.id(), app,
                        "the archive has no folder " + shown + "/"));
                continue;
            }
            AppFolder folder = AppFolder.read(dir, shown, true, problems);
            if (folder != null) {
                apps.add(folder);
            }
        }
        return apps;
    }

    private <T> T manifest(Path file, Class<T> type, String shownAs) throws IOException {
        try {
            return Manifests.read(Files.readAllBytes(file), type, shownAs);
        } catch (ManifestException e) {
            problems.add(Problem.of(Code.BAD_MANIFEST, e.getMessage()));
            return null;
        }
    }

    private void stopIfProblems() throws InvalidReleaseException {
        if (!problems.isEmpty()) {
            throw new InvalidReleaseException(archiveName, problems);
        }
    }
}
