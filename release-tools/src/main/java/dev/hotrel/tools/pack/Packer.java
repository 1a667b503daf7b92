package dev.hotrel.tools.pack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.ArchiveWriter;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.archive.Content;
import dev.hotrel.tools.archive.Fingerprint;
import dev.hotrel.tools.trust.SigningKey;
import dev.hotrel.tools.plan.DependencyOrder;
import dev.hotrel.tools.plan.ReleaseContent;
import dev.hotrel.tools.plan.RelupGenerator;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code hotrel pack}: builds {@code NAME-VERSION.tar.gz} from a release descriptor, the
 * application versions on a library path and, for each earlier release given, the plans to come
 * up from it and go back down to it (OTP's {@code make_relup} and {@code make_tar} in one).
 *
 * <p>In order: read the descriptor and find its applications; load the earlier releases (verified
 * archives, or descriptors whose applications are on the library path); generate
 * {@code relup.json} ({@link RelupGenerator}); load every class that a manifest or instruction names
 * ({@link ClassChecks}); compare the bytecode of changed servers ({@link BytecodeComparison});
 * then write the archive reproducibly ({@link ArchiveWriter}) and verify what was written
 * ({@link ArchiveVerifier}), so pack never leaves an archive that verify would refuse. Every
 * problem of the inputs is collected and reported together as an {@link InvalidReleaseException};
 * nothing is written then.
 */
public final class Packer {

    private Packer() {
    }

    public static PackResult pack(PackRequest request, Progress progress) throws InvalidReleaseException, IOException {
        List<Path> temps = new ArrayList<>();
        Map<AppRef, AppClasses> classes = new HashMap<>();
        try {
            return pack(request, progress, temps, classes);
        } finally {
            classes.values().forEach(AppClasses::close);
            for (Path temp : temps) {
                ReleaseRoot.deleteTree(temp);
            }
        }
    }

    private static PackResult pack(PackRequest request, Progress progress, List<Path> temps,
                                   Map<AppRef, AppClasses> classes) throws InvalidReleaseException, IOException {
        LibraryPath lib = new LibraryPath(request.lib());
        String subject = request.descriptor().toString();
        // The key is read first: a bad key is refused before any work.
        SigningKey key = request.signingKey() == null ? null : SigningKey.read(request.signingKey());
        List<Problem> problems = new ArrayList<>();
        Release release = descriptor(request.descriptor(), problems);
        stopIf(subject, problems);
        List<AppFolder> apps = folders(release, lib, problems);
        SysConfig sys = sys(request.descriptor(), release, problems);
        stopIf(subject, problems);
        SortedMap<String, Content> files = new TreeMap<>();
        apps.forEach(app -> files.putAll(app.contents()));
        String fingerprint = Fingerprint.of(Checksums.of(files), release.applications());
        ReleaseContent to = new ReleaseContent(release.withFingerprint(fingerprint), apps, fingerprint);

        List<ReleaseContent> froms = new ArrayList<>();
        for (Path from : request.from()) {
            ReleaseContent content = from(from, lib, request, temps, problems);
            if (content != null) {
                froms.add(content);
            }
        }
        stopIf(subject, problems);
        Relup relup = RelupGenerator.generate(to, froms);

        Map<String, ReleaseContent> byVersion = new HashMap<>();
        froms.forEach(f -> byVersion.put(f.release().version().toString(), f));
        for (AppFolder app : apps) {
            ClassChecks.application(classes(classes, app), problems);
        }
        List<Problem> uncovered = new ArrayList<>();
        for (RelupPlan plan : relup.upFrom()) {
            compare("upgrade from " + plan.version(), plan, byVersion.get(plan.version().toString()), to, classes,
                    problems, uncovered);
        }
        for (RelupPlan plan : relup.downTo()) {
            compare("downgrade to " + plan.version(), plan, to, byVersion.get(plan.version().toString()), classes,
                    problems, uncovered);
        }
        if (!request.allowUncovered()) {
            problems.addAll(uncovered);
        }
        stopIf(subject, problems);

        files.put(ArchiveLayout.releaseFile(release.version(), Manifests.RELEASE), Content.of(Manifests.toJson(to.release())));
        files.put(ArchiveLayout.releaseFile(release.version(), Manifests.RELUP), Content.of(Manifests.toJson(relup)));
        if (sys != null) {
            files.put(ArchiveLayout.releaseFile(release.version(), Manifests.SYS), Content.of(Manifests.toJson(sys)));
        }
        Path archive = request.outputDir().resolve(release.archiveName());
        ArchiveWriter.write(archive, files, key == null ? null
                : sums -> key.sign(release.name(), release.version().toString(), sums), progress);
        try {
            ArchiveVerifier.verify(archive, request.limits(), Progress.NONE);
        } catch (InvalidReleaseException e) {
            Files.deleteIfExists(archive);
            throw new IllegalStateException("pack wrote an archive that does not verify (a bug in hotrel): "
                    + e.getMessage(), e);
        }
        return new PackResult(archive, to.release(), relup, request.allowUncovered() ? uncovered : List.of());
    }

    private static Release descriptor(Path file, List<Problem> problems) throws IOException {
        try {
            return Manifests.read(file, Release.class);
        } catch (ManifestException e) {
            problems.add(Problem.of(Code.BAD_MANIFEST, e.getMessage()));
            return null;
        }
    }

    private static List<AppFolder> folders(Release release, LibraryPath lib, List<Problem> problems) throws IOException {
        List<AppFolder> apps = new ArrayList<>();
        for (AppRef app : release.applications()) {
            AppFolder folder = lib.find(app, problems);
            if (folder != null) {
                apps.add(folder);
            }
        }
        if (apps.size() == release.applications().size()) {
            Map<String, dev.hotrel.release.AppSpec> specs = new LinkedHashMap<>();
            apps.forEach(a -> specs.put(a.spec().name(), a.spec()));
            DependencyOrder.of(release, specs, problems);
        }
        return apps;
    }

    /** The {@code sys.json} next to the descriptor, if there is one. */
    private static SysConfig sys(Path descriptor, Release release, List<Problem> problems) throws IOException {
        Path file = descriptor.toAbsolutePath().resolveSibling(Manifests.SYS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            SysConfig sys = Manifests.read(file, SysConfig.class);
            for (String app : sys.applications().keySet()) {
                if (release.application(app).isEmpty()) {
                    problems.add(Problem.of(Code.BAD_MANIFEST, file + ": " + app + ": configuration for an "
                            + "application that release " + release.id() + " does not include"));
                }
            }
            return sys;
        } catch (ManifestException e) {
            problems.add(Problem.of(Code.BAD_MANIFEST, e.getMessage()));
            return null;
        }
    }

    /** An earlier release: a verified archive, or a descriptor whose applications are on the library path. */
    private static ReleaseContent from(Path from, LibraryPath lib, PackRequest request, List<Path> temps,
                                       List<Problem> problems) throws IOException {
        String name = String.valueOf(from.getFileName());
        if (!Files.isRegularFile(from)) {
            problems.add(Problem.of(Code.NOT_FOUND, "--from " + from + ": no such file"));
            return null;
        }
        if (name.endsWith(ArchiveLayout.SUFFIX)) {
            Path temp = Files.createTempDirectory("hotrel-from-");
            temps.add(temp);
            try {
                VerifiedRelease verified = ArchiveVerifier.unpackVerified(from, temp, request.limits(), Progress.NONE);
                return verified.content();
            } catch (InvalidReleaseException e) {
                e.problems().forEach(p -> problems.add(new Problem(p.code(), "--from " + name + ": " + p.message())));
                return null;
            }
        }
        if (!name.endsWith(".json")) {
            problems.add(Problem.of(Code.BAD_INPUT, "--from " + from + ": expected an archive (" + ArchiveLayout.SUFFIX
                    + ") or a release descriptor (.json)"));
            return null;
        }
        int before = problems.size();
        Release release = descriptor(from, problems);
        if (release == null) {
            return null;
        }
        List<AppFolder> apps = folders(release, lib, problems);
        if (problems.size() > before) {
            return null;
        }
        SortedMap<String, Content> files = new TreeMap<>();
        apps.forEach(app -> files.putAll(app.contents()));
        String fingerprint = Fingerprint.of(Checksums.of(files), release.applications());
        return new ReleaseContent(release.withFingerprint(fingerprint), apps, fingerprint);
    }

    /** Class checks of the instructions and the bytecode comparison, for each changed application of a plan. */
    private static void compare(String where, RelupPlan plan, ReleaseContent leaving, ReleaseContent entering,
                                Map<AppRef, AppClasses> classes, List<Problem> problems, List<Problem> uncovered) {
        for (RelupStep step : plan.steps()) {
            if (!(step instanceof RelupStep.ChangeApplication change)) {
                continue;
            }
            AppClasses from = classes(classes, leaving.app(change.application()).orElseThrow());
            AppClasses to = classes(classes, entering.app(change.application()).orElseThrow());
            for (Instruction instruction : change.instructions()) {
                if (instruction instanceof Instruction.Apply apply) {
                    ClassChecks.apply(where + ", application " + change.application(), apply, to, problems);
                }
            }
            uncovered.addAll(BytecodeComparison.uncovered(where, change, from, to));
        }
    }

    private static AppClasses classes(Map<AppRef, AppClasses> cache, AppFolder app) {
        return cache.computeIfAbsent(app.ref(), ref -> AppClasses.open(app));
    }

    private static void stopIf(String subject, List<Problem> problems) throws InvalidReleaseException {
        if (!problems.isEmpty()) {
            throw new InvalidReleaseException(subject, problems);
        }
    }
}
