package dev.hotrel.tools.plan;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.util.List;
import java.util.Set;

/**
 * Checks that what an instruction names exists where the instruction needs it: the servers it
 * updates in both application versions, a server it adds only in the version entered, an
 * application it adds in the release entered, and so on. Either side may be unknown (null), as
 * when {@code hotrel verify} sees only the archive's own release: then only the known side is
 * checked. Classes named by {@code apply} need the jars; pack checks those.
 */
public final class InstructionTargets {

    private InstructionTargets() {
    }

    /**
     * @param where how problems name the place, e.g. {@code "upgrade from 1.0.0, counter"}
     * @param leaving the application version being left, or null if unknown
     * @param entering the application version being entered, or null if unknown
     * @param leavingApps the applications of the release being left, or null if unknown
     * @param enteringApps the applications of the release being entered, or null if unknown
     */
    public static void check(String where, Instruction instruction, AppSpec leaving, AppSpec entering,
                             Set<String> leavingApps, Set<String> enteringApps, List<Problem> problems) {
        if (instruction instanceof Instruction.Update u) {
            server(where, instruction, u.server(), leaving, true, problems);
            server(where, instruction, u.server(), entering, true, problems);
        } else if (instruction instanceof Instruction.Restart r) {
            server(where, instruction, r.server(), leaving, true, problems);
            server(where, instruction, r.server(), entering, true, problems);
        } else if (instruction instanceof Instruction.AddServer a) {
            server(where, instruction, a.server(), entering, true, problems);
            server(where, instruction, a.server(), leaving, false, problems);
        } else if (instruction instanceof Instruction.RemoveServer r) {
            server(where, instruction, r.server(), leaving, true, problems);
            server(where, instruction, r.server(), entering, false, problems);
        } else if (instruction instanceof Instruction.AddApplication a) {
            application(where, instruction, a.application(), enteringApps, "entered", problems);
        } else if (instruction instanceof Instruction.RemoveApplication r) {
            application(where, instruction, r.application(), leavingApps, "left", problems);
        } else if (instruction instanceof Instruction.RestartApplication r) {
            application(where, instruction, r.application(), leavingApps, "left", problems);
            application(where, instruction, r.application(), enteringApps, "entered", problems);
        }
    }

    private static void server(String where, Instruction instruction, String server, AppSpec app, boolean mustHave,
                               List<Problem> problems) {
        if (app == null || app.servers().containsKey(server) == mustHave) {
            return;
        }
        problems.add(Problem.of(Code.BAD_INSTRUCTION, where, instruction.kind(), mustHave
                ? "names server '" + server + "', which " + app.ref() + " does not list in its app.json servers"
                : "names server '" + server + "', which " + app.ref() + " already lists in its app.json servers"));
    }

    private static void application(String where, Instruction instruction, String app, Set<String> apps,
                                    String side, List<Problem> problems) {
        if (apps != null && !apps.contains(app)) {
            problems.add(Problem.of(Code.BAD_INSTRUCTION, where, instruction.kind(),
                    "names application '" + app + "', which the release " + side + " does not include"));
        }
    }
}
