package dev.hotrel.tools.pack;

import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.AppFolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code hotrel pack} makes of one application version's classes, for a build that
 * makes the folder (the Maven plugin's {@code hotrel:app}) and wants the same answer before any
 * release names it: the start class an {@code Application}, every server a {@code Server}, both
 * instantiable. Loads classes without initializing them: no application code runs.
 */
public final class AppCheck {

    private AppCheck() {
    }

    /** @return the problems found, empty if none */
    public static List<Problem> classes(AppFolder app) {
        List<Problem> problems = new ArrayList<>();
        try (AppClasses classes = AppClasses.open(app)) {
            ClassChecks.application(classes, problems);
        }
        return problems;
    }
}
