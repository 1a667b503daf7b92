package dev.hotrel.maven;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.pack.AppCheck;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the goals that build an application version share: its description in the pom (name,
 * version, start class, servers, dependencies on other applications) and the laying out of its
 * folder {@code APP-VSN/}: {@code app.json}, the project's jar and its runtime dependencies, an
 * appup. {@link AppMojo} lays out the folder that ships; {@link AppupMojo} lays out a scratch one to
 * compare with earlier versions.
 */
abstract class ApplicationGoal extends AbstractMojo {

    /** What the node provides to every application: never copied into one. */
    private static final Set<String> PROVIDED_BY_NODE = Set.of("dev.hotrel:hotrel-api", "dev.hotrel:hotrel-runtime");

    /** Where hotrel:appup leaves the path of its draft for hotrel:app, in this build only. */
    static final String DRAFT_KEY = "hotrel.appupDraft";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /**
     * The application's name. Default: the artifactId, mapped to a valid name if it is not one
     * (upper case to lower, other characters to '-'; the build log says how). Names are lower-case
     * words joined by '-', e.g. ledger-core.
     */
    @Parameter(property = "hotrel.appName")
    String name;

    /** The application's version, a semantic version (1.0.0, 1.1.0-rc.1). Default: the project's version. */
    @Parameter(property = "hotrel.appVersion", defaultValue = "${project.version}")
    String version;

    /** The binary name of the application's start class, the dev.hotrel.api.Application it runs. Required. */
    @Parameter(property = "hotrel.start", required = true)
    String start;

    /** Free text for people, written into app.json. Default: the project's description. */
    @Parameter(property = "hotrel.description", defaultValue = "${project.description}")
    String description;

    /**
     * The servers the application's supervisor starts, registered name to callback class, e.g.
     * {@code <servers><ledger.book>com.example.Book</ledger.book></servers>}. A packing aid: pack checks
     * appup instructions against these names and compares these callbacks' bytecode between versions,
     * and hotrel:appup drafts instructions for them.
     */
    @Parameter
    Map<String, String> servers;

    /** Applications that must be started before this one (their application names). */
    @Parameter
    List<String> dependsOn;

    /** The application's name, said in the log when it is mapped from the artifactId. */
    String applicationName() throws MojoFailureException {
        try {
            ApplicationName.Chosen chosen = ApplicationName.choose(name, project.getArtifactId(), "application");
            if (chosen.mapping() != null) {
                getLog().info(chosen.mapping());
            }
            return chosen.name();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /**
     * Lays out {@code lib/APP-VSN/} afresh and checks it as {@code hotrel pack} would.
     *
     * @param appup the appup to put next to app.json, or null for none
     * @throws MojoFailureException naming what is wrong with the application
     */
    AppFolder layOut(Path lib, Path appup) throws MojoFailureException, IOException {
        String appName = applicationName();
        Map<String, Path> jars = jars();
        AppSpec spec;
        try {
            spec = new AppSpec(appName, Version.parse(version), blankToNull(description), start,
                    servers == null ? Map.of() : new LinkedHashMap<>(servers), dependsOn, List.copyOf(jars.keySet()));
        } catch (ManifestException e) {
            throw new MojoFailureException("application " + appName + ": " + e.getMessage());
        }
        Path folder = lib.resolve(spec.ref().dirName());
        if (Files.exists(folder)) {
            ReleaseRoot.deleteTree(folder);
        }
        Files.createDirectories(folder);
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            Files.copy(jar.getValue(), folder.resolve(jar.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
        Manifests.write(spec, folder.resolve(Manifests.APP));
        if (appup != null) {
            Files.copy(appup, folder.resolve(Manifests.APPUP), StandardCopyOption.REPLACE_EXISTING);
        }
        List<Problem> problems = new ArrayList<>();
        AppFolder read = AppFolder.read(folder, folder.toString(), true, problems);
        if (read != null) {
            problems.addAll(AppCheck.classes(read));
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("application " + spec.ref() + " in " + folder + " is not valid:\n  "
                    + String.join("\n  ", problems.stream().map(Problem::message).toList()));
        }
        return read;
    }

    /**
     * The application's jars, file name in its folder to the file: the project's jar first, then its
     * runtime dependencies in Maven's resolution order, each named artifactId-version[-classifier].jar
     * (prefixed with its groupId if two would share a name).
     */
    private Map<String, Path> jars() throws MojoFailureException {
        File own = project.getArtifact().getFile();
        if (own == null || !own.isFile()) {
            throw new MojoFailureException("the project's jar is not built yet: run the hotrel goals in the package "
                    + "phase (their default) or later, e.g. mvn package");
        }
        Map<String, Path> jars = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        jars.put(own.getName(), own.toPath());
        owners.put(own.getName(), project.getArtifact().getId());
        for (Artifact a : project.getArtifacts()) {
            String key = a.getGroupId() + ":" + a.getArtifactId();
            if (!a.getArtifactHandler().isAddedToClasspath()
                    || !(Artifact.SCOPE_COMPILE.equals(a.getScope()) || Artifact.SCOPE_RUNTIME.equals(a.getScope()))) {
                continue;
            }
            if (PROVIDED_BY_NODE.contains(key)) {
                getLog().warn(key + " is a " + a.getScope() + " dependency: the node provides it, so it is not copied "
                        + "into the application; declare it with <scope>provided</scope>");
                continue;
            }
            File file = a.getFile();
            if (file == null || !file.isFile()) {
                throw new MojoFailureException("dependency " + a.getId() + " has no jar yet (" + file + "): build it "
                        + "to the package phase first, e.g. mvn package");
            }
            String jarName = a.getArtifactId() + "-" + a.getBaseVersion()
                    + (a.hasClassifier() ? "-" + a.getClassifier() : "") + ".jar";
            if (owners.containsKey(jarName)) {
                jarName = a.getGroupId() + "." + jarName;
            }
            String clash = owners.putIfAbsent(jarName, a.getId());
            if (clash != null) {
                throw new MojoFailureException("two jars of application " + project.getArtifactId()
                        + " would be named " + jarName + ": " + clash + " and " + a.getId());
            }
            jars.put(jarName, file.toPath());
        }
        return jars;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
