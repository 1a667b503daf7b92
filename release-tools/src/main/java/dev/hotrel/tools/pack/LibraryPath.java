package dev.hotrel.tools.pack;

import dev.hotrel.release.AppRef;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.archive.AppFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where {@code hotrel pack} looks for application versions, as OTP's code path: folders that each
 * hold {@code APP-VSN/} folders ({@code app.json}, optional {@code appup.json}, jars). The first
 * folder that has an application version wins.
 */
public record LibraryPath(List<Path> dirs) {

    public LibraryPath {
        dirs = List.copyOf(dirs);
    }

    /**
     * @return the application version's folder, or null after adding to {@code problems} why not
     */
    public AppFolder find(AppRef app, List<Problem> problems) throws IOException {
        for (Path dir : dirs) {
            Path candidate = dir.resolve(app.dirName());
            if (Files.isRegularFile(candidate.resolve("app.json"))) {
                return AppFolder.read(candidate, candidate.toString(), false, problems);
            }
        }
        problems.add(Problem.of(Code.NOT_FOUND, "application " + app + " not found: no " + app.dirName()
                + "/app.json in " + (dirs.isEmpty() ? "any --lib folder (none given)"
                : dirs.stream().map(Path::toString).collect(Collectors.joining(", ")))));
        return null;
    }
}
