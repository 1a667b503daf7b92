package dev.hotrel.tools.archive;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Appup;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One application version's folder, {@code APP-VSN/}: its {@code app.json}, its optional
 * {@code appup.json} and the jars {@code app.json} lists. Found on pack's library path, in an
 * unpacked archive, or in a release root's {@code lib/}.
 *
 * @param dir the folder
 * @param appup null when the folder has no {@code appup.json}
 */
public record AppFolder(Path dir, AppSpec spec, Appup appup) {

    public AppRef ref() {
        return spec.ref();
    }

    public Optional<Appup> appupIfAny() {
        return Optional.ofNullable(appup);
    }

    /** The jars, in class path order. */
    public List<Path> jars() {
        return spec.jars().stream().map(dir::resolve).toList();
    }

    /**
     * What this application puts into an archive, under {@code lib/APP-VSN/}: its manifests in
     * canonical form and its jars. The release fingerprint is computed over exactly these bytes.
     */
    public SortedMap<String, Content> contents() {
        SortedMap<String, Content> files = new TreeMap<>();
        files.put(ArchiveLayout.appFile(ref(), Manifests.APP), Content.of(Manifests.toJson(spec)));
        if (appup != null) {
            files.put(ArchiveLayout.appFile(ref(), Manifests.APPUP), Content.of(Manifests.toJson(appup)));
        }
        for (String jar : spec.jars()) {
            files.put(ArchiveLayout.appFile(ref(), jar), Content.of(dir.resolve(jar)));
        }
        return files;
    }

    /**
     * Reads and checks a folder: manifests valid, name and version agreeing with the folder name,
     * every listed jar present; with {@code strict}, nothing else in it.
     *
     * @param shownAs how problems name the folder, e.g. {@code lib/counter-1.0.0}
     * @return the folder, or null after adding what is wrong to {@code problems}
     */
    public static AppFolder read(Path dir, String shownAs, boolean strict, List<Problem> problems) throws IOException {
        int before = problems.size();
        Path appJson = dir.resolve(Manifests.APP);
        if (!Files.isRegularFile(appJson)) {
            problems.add(Problem.of(Code.MISSING_MANIFEST, shownAs + "/" + Manifests.APP));
            return null;
        }
        AppSpec spec;
        Appup appup = null;
        try {
            spec = Manifests.read(Files.readAllBytes(appJson), AppSpec.class, shownAs + "/" + Manifests.APP);
        } catch (ManifestException e) {
            problems.add(Problem.of(Code.BAD_MANIFEST, e.getMessage()));
            return null;
        }
        String folder = dir.getFileName().toString();
        if (!folder.equals(spec.ref().dirName())) {
            problems.add(Problem.of(Code.NAME_MISMATCH, shownAs + "/" + Manifests.APP, spec.ref(),
                    "its folder is " + folder + " (expected " + spec.ref().dirName() + ")"));
        }
        Path appupJson = dir.resolve(Manifests.APPUP);
        if (Files.isRegularFile(appupJson)) {
            try {
                appup = Manifests.read(Files.readAllBytes(appupJson), Appup.class, shownAs + "/" + Manifests.APPUP);
                if (!appup.version().equals(spec.version())) {
                    problems.add(Problem.of(Code.NAME_MISMATCH, shownAs + "/" + Manifests.APPUP,
                            "version " + appup.version(), "its app.json says " + spec.version()));
                }
            } catch (ManifestException e) {
                problems.add(Problem.of(Code.BAD_MANIFEST, e.getMessage()));
            }
        }
        for (String jar : spec.jars()) {
            if (!Files.isRegularFile(dir.resolve(jar))) {
                problems.add(Problem.of(Code.MISSING_JAR, shownAs + "/" + Manifests.APP, jar, shownAs));
            }
        }
        if (strict) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.equals(Manifests.APP) && !name.equals(Manifests.APPUP) && !spec.jars().contains(name)) {
                        problems.add(Problem.of(Code.UNEXPECTED_ENTRY, shownAs + "/" + name,
                                "an application folder holds app.json, appup.json and the jars app.json lists"));
                    }
                }
            }
        }
        return problems.size() == before ? new AppFolder(dir, spec, appup) : null;
    }
}
