package dev.hotrel.maven;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Version;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.pack.AppCheck;
import dev.hotrel.release.root.ReleaseRoot;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

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
 * Lays out the application version {@code target/lib/APP-VSN/} from the project: {@code app.json}
 * generated from the pom and this goal's configuration, the project's jar and its runtime
 * dependencies (third-party jars included; the node provides {@code dev.hotrel:hotrel-api}), and the
 * project's {@code appup.json} if it has one. Checks the start class and the servers' callbacks as
 * {@code hotrel pack} does, and attaches the folder as a zip (classifier {@code hotrel-app}), by
 * which releases name the application as a Maven dependency. Runs after the jar is built.
 */
@Mojo(name = "app", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class AppMojo extends AbstractMojo {

    /** What the node provides to every application: never copied into one. */
    private static final Set<String> PROVIDED_BY_NODE = Set.of("dev.hotrel:hotrel-api", "dev.hotrel:hotrel-runtime");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * The application's name. Default: the artifactId, mapped to a valid name if it is not one
     * (upper case to lower, other characters to '-'; the build log says how). Names are lower-case
     * words joined by '-', e.g. ledger-core.
     */
    @Parameter(property = "hotrel.name")
    private String name;

    /** The application's version, a semantic version (1.0.0, 1.1.0-rc.1). Default: the project's version. */
    @Parameter(property = "hotrel.version", defaultValue = "${project.version}")
    private String version;

    /** The binary name of the application's start class, the dev.hotrel.api.Application it runs. Required. */
    @Parameter(property = "hotrel.start", required = true)
    private String start;

    /** Free text for people, written into app.json. Default: the project's description. */
    @Parameter(property = "hotrel.description", defaultValue = "${project.description}")
    private String description;

    /**
     * The servers the application's supervisor starts, registered name to callback class, e.g.
     * {@code <servers><ledger.book>com.example.Book</ledger.book></servers>}. A packing aid: pack checks
     * appup instructions against these names and compares these callbacks' bytecode between versions,
     * and hotrel:appup drafts instructions for them.
     */
    @Parameter
    private Map<String, String> servers;

    /** Applications that must be started before this one (their application names). */
    @Parameter
    private List<String> dependsOn;

    /** The application's appup, copied next to app.json when the file exists. */
    @Parameter(property = "hotrel.appup", defaultValue = "${project.basedir}/src/main/hotrel/appup.json")
    private File appup;

    /** Where the folder APP-VSN/ is laid out. */
    @Parameter(property = "hotrel.lib", defaultValue = "${project.build.directory}/lib")
    private File lib;

    /** Whether to attach the folder as the project's hotrel-app zip, by which releases find it. */
    @Parameter(property = "hotrel.attach", defaultValue = "true")
    private boolean attach;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ApplicationName.Chosen chosen;
        try {
            chosen = ApplicationName.choose(name, project.getArtifactId(), "application");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        if (chosen.mapping() != null) {
            getLog().info(chosen.mapping());
        }
        Version appVersion;
        AppSpec spec;
        Map<String, Path> jars = jars();
        try {
            appVersion = Version.parse(version);
            spec = new AppSpec(chosen.name(), appVersion, blankToNull(description), start,
                    servers == null ? Map.of() : new LinkedHashMap<>(servers), dependsOn,
                    List.copyOf(jars.keySet()));
        } catch (ManifestException e) {
            throw new MojoFailureException("application " + chosen.name() + ": " + e.getMessage());
        }
        Path folder = lib.toPath().resolve(spec.ref().dirName());
        try {
            if (Files.exists(folder)) {
                ReleaseRoot.deleteTree(folder);
            }
            Files.createDirectories(folder);
            for (Map.Entry<String, Path> jar : jars.entrySet()) {
                Files.copy(jar.getValue(), folder.resolve(jar.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
            Manifests.write(spec, folder.resolve(Manifests.APP));
            if (appup != null && appup.isFile()) {
                Files.copy(appup.toPath(), folder.resolve(Manifests.APPUP), StandardCopyOption.REPLACE_EXISTING);
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
            getLog().info("application " + spec.ref() + " laid out in " + folder + " (" + jars.size() + " jar"
                    + (jars.size() == 1 ? "" : "s") + (Files.exists(folder.resolve(Manifests.APPUP)) ? ", appup.json" : "")
                    + ")");
            if (attach) {
                Path zip = Path.of(project.getBuild().getDirectory()).resolve(spec.ref().dirName() + "-hotrel-app.zip");
                AppArtifact.write(folder, zip);
                projectHelper.attachArtifact(project, AppArtifact.TYPE, AppArtifact.CLASSIFIER, zip.toFile());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("laying out " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The application's jars, file name in its folder to the file: the project's jar first, then its
     * runtime dependencies in Maven's resolution order, each named artifactId-version[-classifier].jar
     * (prefixed with its groupId if two would share a name).
     */
    private Map<String, Path> jars() throws MojoFailureException {
        File own = project.getArtifact().getFile();
        if (own == null || !own.isFile()) {
            throw new MojoFailureException("hotrel:app needs the project's jar, which is not built yet: run it in "
                    + "the package phase (its default) or later, e.g. mvn package");
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
