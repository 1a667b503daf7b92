package dev.hotrel.maven;

import dev.hotrel.release.Manifests;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.pack.AppupDraft;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drafts the application's {@code appup.json} from the bytecode difference between this version and
 * earlier ones, as rebar3's appup plugin does for Erlang: {@code update} for servers whose callback or
 * state classes changed, {@code add}/{@code remove} for servers that appeared or went, and
 * {@code restartApplication} where the start class (and so perhaps the supervision tree) changed; the
 * same back down. Writes the draft (by default target/hotrel/appup.json) for its author to keep or
 * edit, and logs every decision and why. hotrel:app, later in the same build, ships the draft unless
 * the project has its own src/main/hotrel/appup.json. Without earlier versions it does nothing.
 */
@Mojo(name = "appup", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class AppupMojo extends ApplicationGoal {

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    private List<RemoteRepository> remoteRepositories;

    @Component
    private RepositorySystem repositorySystem;

    /**
     * The earlier versions to draft from, each either an application folder (APP-VSN/, as hotrel:app lays
     * out, or a folder holding such folders: every older version of this application in it) or Maven
     * coordinates groupId:artifactId:version of a project built with hotrel:app. On the command line:
     * -Dhotrel.previous=../v1/target/lib,com.example:ledger-core:1.0.0
     */
    @Parameter(property = "hotrel.previous")
    private List<String> previous;

    /** Where the draft is written. */
    @Parameter(property = "hotrel.appupDraft", defaultValue = "${project.build.directory}/hotrel/appup.json")
    private File draft;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (previous == null || previous.stream().allMatch(p -> p == null || p.isBlank())) {
            getLog().info("no earlier versions given (<previous> or -Dhotrel.previous): no appup drafted");
            return;
        }
        Path scratch = Path.of(project.getBuild().getDirectory(), "hotrel", "appup");
        try {
            if (Files.exists(scratch)) {
                ReleaseRoot.deleteTree(scratch);
            }
            AppFolder current = layOut(scratch.resolve("current"), null);
            List<AppFolder> earlier = earlier(current, scratch.resolve("previous"));
            AppupDraft result;
            try {
                result = AppupDraft.draft(current, earlier);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("hotrel:appup: " + e.getMessage());
            }
            Files.createDirectories(draft.toPath().toAbsolutePath().getParent());
            Manifests.write(result.appup(), draft.toPath());
            getLog().info("appup of " + current.ref() + " drafted from " + String.join(", ",
                    earlier.stream().map(a -> a.spec().version().toString()).toList()) + " into " + draft
                    + "; decisions:");
            result.decisions().forEach(d -> getLog().info("  " + d));
            project.setContextValue(DRAFT_KEY, draft.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("drafting the appup in " + scratch + ": " + e.getMessage(), e);
        }
    }

    private List<AppFolder> earlier(AppFolder current, Path unpacked) throws MojoFailureException,
            MojoExecutionException, IOException {
        Repository repository = new Repository(repositorySystem, repositorySession, remoteRepositories);
        List<AppFolder> folders = new ArrayList<>();
        for (String entry : previous) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.trim());
            if (!Files.isDirectory(path) && !Files.isDirectory(project.getBasedir().toPath().resolve(path))) {
                Coordinates c;
                try {
                    c = Coordinates.parse(entry, "<previous>: '" + entry + "' is no folder and");
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException(e.getMessage());
                }
                if (c.version() == null) {
                    throw new MojoFailureException("<previous>: " + c + " needs a version (groupId:artifactId:version)");
                }
                Path zip = repository.resolve(c, AppArtifact.CLASSIFIER, AppArtifact.TYPE,
                        "an earlier version of " + current.spec().name() + "; built with hotrel:app?");
                folders.add(read(AppArtifact.unpack(zip, Files.createDirectories(unpacked.resolve(c.version())))));
                continue;
            }
            Path dir = path.isAbsolute() || Files.isDirectory(path) ? path : project.getBasedir().toPath().resolve(path);
            if (Files.isRegularFile(dir.resolve(Manifests.APP))) {
                folders.add(read(dir));
                continue;
            }
            List<AppFolder> found = new ArrayList<>();
            String prefix = current.spec().name() + "-";
            try (Stream<Path> list = Files.list(dir)) {
                for (Path sub : list.sorted().toList()) {
                    String n = sub.getFileName().toString();
                    if (n.startsWith(prefix) && Character.isDigit(n.charAt(Math.min(prefix.length(), n.length() - 1)))
                            && Files.isRegularFile(sub.resolve(Manifests.APP))) {
                        AppFolder f = read(sub);
                        if (f.spec().version().compareTo(current.spec().version()) < 0) {
                            found.add(f);
                        }
                    }
                }
            }
            if (found.isEmpty()) {
                throw new MojoFailureException("<previous>: " + dir + " holds no earlier version of "
                        + current.spec().name() + " (no " + prefix + "VERSION/app.json older than "
                        + current.spec().version() + ")");
            }
            folders.addAll(found);
        }
        return folders;
    }

    private static AppFolder read(Path dir) throws MojoFailureException, IOException {
        List<Problem> problems = new ArrayList<>();
        AppFolder folder = AppFolder.read(dir, dir.toString(), false, problems);
        if (folder == null) {
            throw new MojoFailureException("<previous>: " + dir + " is not a valid application folder:\n  "
                    + String.join("\n  ", problems.stream().map(Problem::message).toList()));
        }
        return folder;
    }
}
