package dev.hotrel.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;
import java.util.List;

/**
 * Resolves artifacts the way Maven resolves dependencies: from the reactor first (an application
 * built earlier in the same build, installed or not), then the local repository, then the
 * project's remote repositories.
 */
record Repository(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> remotes) {

    /**
     * @param why what the artifact is for, for the message
     * @throws MojoExecutionException naming the artifact and why it could not be resolved
     */
    Path resolve(Coordinates coordinates, String classifier, String extension, String why)
            throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(), classifier,
                extension, coordinates.version());
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cannot resolve " + artifact + " (" + why + "): " + e.getMessage(), e);
        }
    }
}
