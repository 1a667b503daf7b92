package dev.hotrel.maven;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.RuntimeVersion;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.PackResult;
import dev.hotrel.tools.pack.Packer;
import dev.hotrel.tools.Progress;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Packs the release archive {@code NAME-VSN.tar.gz} from a release described in the pom: its name
 * and version (the project's by default), and its applications, which are Maven dependencies built
 * by {@code hotrel:app} (their {@code hotrel-app} zips are resolved from the reactor or the
 * repositories). Plans up from and back down to earlier releases are made for each earlier release
 * given, as Maven coordinates (resolved like any artifact) or as files. The packing is
 * {@code hotrel pack}'s: the same checks (appups, classes, uncovered code changes), the same
 * reproducible bytes. The archive is attached to the project (type {@code tar.gz}), so
 * {@code mvn install} and {@code deploy} publish it, and later releases name it as an earlier one.
 */
@Mojo(name = "release", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class ReleaseMojo extends AbstractMojo {

    static final String ARCHIVE_TYPE = "tar.gz";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    private List<RemoteRepository> remoteRepositories;

    @Component
    private RepositorySystem repositorySystem;

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * The release's name. Default: the artifactId, mapped to a valid name if it is not one (the build
     * log says how).
     */
    @Parameter(property = "hotrel.releaseName")
    private String name;

    /** The release's version, a semantic version. Default: the project's version. */
    @Parameter(property = "hotrel.releaseVersion", defaultValue = "${project.version}")
    private String version;

    /** The Hotrel runtime the release is built for. Default: this plugin's runtime. */
    @Parameter(property = "hotrel.runtime")
    private String runtime;

    /**
     * The release's applications, in start order, as groupId:artifactId (the version is the
     * dependency's of that key in this pom) or groupId:artifactId:version. Each is a project built
     * with hotrel:app. Default: every direct dependency of this project that is not test-scoped.
     */
    @Parameter
    private List<String> applications;

    /** Per-application configuration, packed as the release's sys.json when the file exists. */
    @Parameter(property = "hotrel.sysConfig", defaultValue = "${project.basedir}/src/main/hotrel/sys.json")
    private File sysConfig;

    /**
     * Earlier releases to make upgrade and downgrade plans for, each either Maven coordinates
     * groupId:artifactId:version of an archive that hotrel:release attached, or an archive file
     * (NAME-VSN.tar.gz). On the command line: -Dhotrel.from=com.example:ledger:1.0.0
     */
    @Parameter(property = "hotrel.from")
    private List<String> from;

    /** Earlier releases to make plans for, as archive files (NAME-VSN.tar.gz). */
    @Parameter
    private List<File> fromArchives;

    /** Warn, instead of refusing, when a server's code changed and no appup instruction migrates it. */
    @Parameter(property = "hotrel.allowUncovered", defaultValue = "false")
    private boolean allowUncovered;

    /**
     * An Ed25519 private key file (NAME.key from 'hotrel keygen', NAME.pub beside it) to sign the archive with,
     * as 'hotrel pack --sign' does: a root that trusts NAME.pub accepts the release. Unsigned if not given.
     */
    @Parameter(property = "hotrel.signingKey")
    private File signingKey;

    /** Where the archive is written. */
    @Parameter(property = "hotrel.outputDirectory", defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /** Whether to attach the archive to the project (type tar.gz), for install and deploy. */
    @Parameter(property = "hotrel.attach", defaultValue = "true")
    private boolean attach;

    /** The classifier of the attached archive; none by default. */
    @Parameter(property = "hotrel.classifier")
    private String classifier;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Repository repository = new Repository(repositorySystem, repositorySession, remoteRepositories);
        ApplicationName.Chosen chosen;
        Version releaseVersion;
        Version runtimeVersion;
        try {
            chosen = ApplicationName.choose(name, project.getArtifactId(), "release");
            releaseVersion = Version.parse(version);
            runtimeVersion = runtime == null || runtime.isBlank() ? RuntimeVersion.CURRENT : Version.parse(runtime);
        } catch (IllegalArgumentException e) { // ManifestException included
            throw new MojoFailureException("release " + project.getArtifactId() + ": " + e.getMessage());
        }
        if (chosen.mapping() != null) {
            getLog().info(chosen.mapping());
        }
        Path work = Path.of(project.getBuild().getDirectory(), "hotrel", chosen.name() + "-" + releaseVersion);
        try {
            if (Files.exists(work)) {
                ReleaseRoot.deleteTree(work);
            }
            Path lib = Files.createDirectories(work.resolve("lib"));
            List<AppRef> apps = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Coordinates app : applications()) {
                Path own = ownApplication();
                Path zip = own != null && app.key().equals(project.getGroupId() + ":" + project.getArtifactId())
                        ? own
                        : repository.resolve(app, AppArtifact.CLASSIFIER, AppArtifact.TYPE, "the application " + app
                        + " of release " + chosen.name() + "; is it built with hotrel:app?");
                AppRef ref = application(app, AppArtifact.unpack(zip, lib));
                if (!names.add(ref.name())) {
                    throw new MojoFailureException("release " + chosen.name() + ": two applications are named "
                            + ref.name() + " (the second is " + app + ")");
                }
                apps.add(ref);
            }
            Release release;
            try {
                release = new Release(chosen.name(), releaseVersion, runtimeVersion, apps, null);
            } catch (ManifestException e) {
                throw new MojoFailureException("release " + chosen.name() + ": " + e.getMessage());
            }
            Path descriptor = work.resolve(Manifests.RELEASE);
            Manifests.write(release, descriptor);
            if (sysConfig != null && sysConfig.isFile()) {
                Files.copy(sysConfig.toPath(), work.resolve(Manifests.SYS), StandardCopyOption.REPLACE_EXISTING);
            }
            List<Path> earlier = earlier(repository, work);
            Files.createDirectories(outputDirectory.toPath());
            PackResult result = Packer.pack(new PackRequest(descriptor, List.of(lib), earlier, outputDirectory.toPath(),
                    allowUncovered, ArchiveLimits.DEFAULT, signingKey == null ? null : signingKey.toPath()), Progress.NONE);
            for (Problem warning : result.warnings()) {
                getLog().warn(warning.message());
            }
            String plans = result.relup().upFrom().isEmpty() ? "no upgrade plans"
                    : "plans from and back to " + result.relup().upFrom().stream()
                    .map(RelupPlan::version).map(Object::toString).collect(Collectors.joining(", "));
            getLog().info("packed " + result.archive() + ": release " + result.release().id() + " ("
                    + apps.stream().map(AppRef::toString).collect(Collectors.joining(", ")) + "), " + plans
                    + ", fingerprint " + result.release().fingerprint()
                    + (signingKey == null ? "" : ", signed with " + signingKey));
            if (attach) {
                projectHelper.attachArtifact(project, ARCHIVE_TYPE, blankToNull(classifier), result.archive().toFile());
            }
        } catch (InvalidReleaseException e) {
            throw new MojoFailureException("release " + chosen.name() + " " + releaseVersion + " cannot be packed:\n  "
                    + e.problems().stream().map(Problem::message).collect(Collectors.joining("\n  ")));
        } catch (IOException e) {
            throw new MojoExecutionException("packing release " + chosen.name() + " in " + work + ": " + e.getMessage(), e);
        }
    }

    /** The hotrel-app zip that hotrel:app attached to this very project, or null. */
    private Path ownApplication() {
        return project.getAttachedArtifacts().stream()
                .filter(a -> AppArtifact.CLASSIFIER.equals(a.getClassifier()) && a.getFile() != null)
                .map(a -> a.getFile().toPath()).findFirst().orElse(null);
    }

    /**
     * The configured applications, versions filled in from the pom's dependencies; else this project's
     * own application if hotrel:app built one here; else the project's direct dependencies.
     */
    private List<Coordinates> applications() throws MojoFailureException {
        List<Coordinates> result = new ArrayList<>();
        if ((applications == null || applications.isEmpty()) && ownApplication() != null) {
            return List.of(new Coordinates(project.getGroupId(), project.getArtifactId(), project.getVersion()));
        }
        if (applications == null || applications.isEmpty()) {
            for (Dependency d : project.getDependencies()) {
                if (!"test".equals(d.getScope())) {
                    result.add(new Coordinates(d.getGroupId(), d.getArtifactId(), d.getVersion()));
                }
            }
            if (result.isEmpty()) {
                throw new MojoFailureException("release " + project.getArtifactId() + " has no applications: add "
                        + "each application as a dependency, or list them in the plugin's <applications>");
            }
            return result;
        }
        for (String text : applications) {
            Coordinates c;
            try {
                c = Coordinates.parse(text, "<applications>");
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(e.getMessage());
            }
            if (c.version() == null && c.key().equals(project.getGroupId() + ":" + project.getArtifactId())) {
                result.add(new Coordinates(c.groupId(), c.artifactId(), project.getVersion()));
            } else if (c.version() == null) {
                String v = project.getDependencies().stream()
                        .filter(d -> d.getGroupId().equals(c.groupId()) && d.getArtifactId().equals(c.artifactId()))
                        .map(Dependency::getVersion).findFirst()
                        .orElseThrow(() -> new MojoFailureException("<applications>: " + c + " has no version and is "
                                + "not a dependency of this project: add the dependency, or write " + c + ":VERSION"));
                result.add(new Coordinates(c.groupId(), c.artifactId(), v));
            } else {
                result.add(c);
            }
        }
        return result;
    }

    private static AppRef application(Coordinates app, Path folder) throws MojoFailureException, IOException {
        try {
            AppSpec spec = Manifests.read(folder.resolve(Manifests.APP), AppSpec.class);
            return spec.ref();
        } catch (ManifestException e) {
            throw new MojoFailureException("application " + app + ": " + e.getMessage());
        }
    }

    /** The earlier releases' archives: resolved coordinates (copied under their release file name) and files. */
    private List<Path> earlier(Repository repository, Path work) throws MojoExecutionException, MojoFailureException,
            IOException {
        List<Path> archives = new ArrayList<>();
        if (from != null) {
            Path dir = Files.createDirectories(work.resolve("from"));
            for (String text : from) {
                if (text == null || text.isBlank()) {
                    continue;
                }
                Path file = project.getBasedir().toPath().resolve(text.trim());
                if (Files.isRegularFile(file)) {
                    archives.add(file);
                    continue;
                }
                Coordinates c;
                try {
                    c = Coordinates.parse(text, "<from>");
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException(e.getMessage());
                }
                if (c.version() == null) {
                    throw new MojoFailureException("<from>: " + c + " needs a version (groupId:artifactId:version)");
                }
                Path resolved = repository.resolve(c, null, ARCHIVE_TYPE, "an earlier release to make plans for");
                // Pack checks the file name against the release it holds: named as hotrel:release names a
                // release by default (its artifactId, mapped if need be); a release named otherwise is refused
                // there, saying both names.
                String releaseName;
                try {
                    releaseName = ApplicationName.choose(null, c.artifactId(), "release").name();
                } catch (IllegalArgumentException e) {
                    releaseName = c.artifactId();
                }
                Path copy = dir.resolve(releaseName + "-" + c.version() + "." + ARCHIVE_TYPE);
                Files.copy(resolved, copy, StandardCopyOption.REPLACE_EXISTING);
                archives.add(copy);
            }
        }
        if (fromArchives != null) {
            fromArchives.forEach(f -> archives.add(f.toPath()));
        }
        return archives;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
