package dev.hotrel.maven;

import dev.hotrel.release.Manifests;
import dev.hotrel.tools.archive.AppFolder;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out the application version {@code target/lib/APP-VSN/} from the project: {@code app.json}
 * generated from the pom and this goal's configuration (no hand-written app.json), the project's jar
 * and its runtime dependencies (third-party jars included; the node provides
 * {@code dev.hotrel:hotrel-api}), and the appup: the project's {@code src/main/hotrel/appup.json} if
 * it has one, else the draft hotrel:appup made earlier in the same build, if any. Checks the start
 * class and the servers' callbacks as {@code hotrel pack} does, and attaches the folder as a zip
 * (classifier {@code hotrel-app}), by which releases name the application as a Maven dependency.
 * Runs after the jar is built (phase package).
 */
@Mojo(name = "app", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class AppMojo extends ApplicationGoal {

    @Component
    private MavenProjectHelper projectHelper;

    /** The application's appup, copied next to app.json when the file exists (it wins over a draft). */
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
        Path appupFile = null;
        if (appup != null && appup.isFile()) {
            appupFile = appup.toPath();
        } else if (project.getContextValue(DRAFT_KEY) instanceof Path draft && Files.isRegularFile(draft)) {
            appupFile = draft;
            getLog().info("using the appup drafted by hotrel:appup, " + draft + " (copy it to " + appup
                    + " to keep or edit it)");
        }
        try {
            AppFolder folder = layOut(lib.toPath(), appupFile);
            getLog().info("application " + folder.ref() + " laid out in " + folder.dir() + " (" + folder.jars().size()
                    + " jar" + (folder.jars().size() == 1 ? "" : "s")
                    + (Files.exists(folder.dir().resolve(Manifests.APPUP)) ? ", appup.json" : ", no appup") + ")");
            if (attach) {
                Path zip = Path.of(project.getBuild().getDirectory()).resolve(folder.ref().dirName() + "-hotrel-app.zip");
                AppArtifact.write(folder.dir(), zip);
                projectHelper.attachArtifact(project, AppArtifact.TYPE, AppArtifact.CLASSIFIER, zip.toFile());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("laying out the application in " + lib + ": " + e.getMessage(), e);
        }
    }
}
