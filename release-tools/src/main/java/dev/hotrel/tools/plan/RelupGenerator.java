package dev.hotrel.tools.plan;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.AppupEntry;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.archive.AppFolder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes {@code relup.json} from the difference between releases and the applications' appups:
 * OTP's {@code systools:make_relup}. Pure: it reads no files and loads no classes.
 *
 * <p>For each earlier release F and the new release T it makes an upgrade plan (F → T) and a
 * downgrade plan (T → F). Between the release being left (L) and the one entered (E):
 * <ol>
 *   <li>applications only in L are removed, dependants first (reverse start order of L);</li>
 *   <li>then, in start order of E (dependencies first), applications only in E are added and
 *       applications in both at different versions are changed with the instructions of the
 *       <em>newer</em> version's appup: its {@code upFrom} entry for the older version when moving
 *       up, its {@code downTo} entry when moving down. Applications at the same version are left
 *       alone.</li>
 * </ol>
 * A changed application without a matching appup entry is refused, naming application and
 * versions, as {@code make_relup} does; so is an instruction naming a server or application that
 * is not where it must be ({@link InstructionTargets}).
 */
public final class RelupGenerator {

    private RelupGenerator() {
    }

    /**
     * @param to the release being packed
     * @param froms earlier releases to make plans for
     * @throws InvalidReleaseException listing every problem found
     */
    public static Relup generate(ReleaseContent to, List<ReleaseContent> froms) throws InvalidReleaseException {
        List<Problem> problems = new ArrayList<>();
        List<RelupPlan> up = new ArrayList<>();
        List<RelupPlan> down = new ArrayList<>();
        for (ReleaseContent from : froms) {
            if (from.release().version().equals(to.release().version())) {
                problems.add(Problem.of(Code.BAD_INPUT, "cannot make a plan from release " + from
                        + " to " + to + ": both have version " + to.release().version()));
                continue;
            }
            Version v = from.release().version();
            up.add(new RelupPlan(v, from.fingerprint(), steps(from, to, "upgrade from " + v, problems)));
            down.add(new RelupPlan(v, from.fingerprint(), steps(to, from, "downgrade to " + v, problems)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReleaseException(to.release().id(), problems);
        }
        Comparator<RelupPlan> byVersion = Comparator.comparing(RelupPlan::version);
        up.sort(byVersion);
        down.sort(byVersion);
        return new Relup(to.release().version(), up, down);
    }

    /** The steps that take a node from {@code leaving} to {@code entering}. */
    static List<RelupStep> steps(ReleaseContent leaving, ReleaseContent entering, String direction,
                                 List<Problem> problems) {
        List<RelupStep> steps = new ArrayList<>();
        List<String> leavingOrder = DependencyOrder.of(leaving.release(), specs(leaving), problems);
        List<String> enteringOrder = DependencyOrder.of(entering.release(), specs(entering), problems);
        Set<String> leavingApps = Set.copyOf(leavingOrder);
        Set<String> enteringApps = Set.copyOf(enteringOrder);
        for (int i = leavingOrder.size() - 1; i >= 0; i--) {
            String app = leavingOrder.get(i);
            if (!enteringApps.contains(app)) {
                steps.add(new RelupStep.RemoveApplication(app, leaving.release().application(app).orElseThrow().version()));
            }
        }
        for (String app : enteringOrder) {
            AppFolder entered = entering.app(app).orElseThrow();
            Optional<AppFolder> left = leaving.app(app);
            if (left.isEmpty()) {
                steps.add(new RelupStep.AddApplication(app, entered.spec().version()));
            } else if (!left.get().spec().version().equals(entered.spec().version())) {
                String where = direction + ", application " + app;
                List<Instruction> instructions = instructions(left.get(), entered, problems);
                for (Instruction instruction : instructions) {
                    InstructionTargets.check(where, instruction, left.get().spec(), entered.spec(), leavingApps,
                            enteringApps, problems);
                }
                steps.add(new RelupStep.ChangeApplication(app, left.get().spec().version(), entered.spec().version(),
                        instructions));
            }
        }
        return steps;
    }

    /** The newer version's appup entry for the older version, whichever way the node moves. */
    private static List<Instruction> instructions(AppFolder left, AppFolder entered, List<Problem> problems) {
        Version from = left.spec().version();
        Version to = entered.spec().version();
        boolean upward = to.compareTo(from) > 0;
        AppFolder newer = upward ? entered : left;
        Version older = upward ? from : to;
        String list = upward ? "upFrom" : "downTo";
        Optional<AppupEntry> entry = newer.appupIfAny()
                .flatMap(appup -> upward ? appup.upgradeFrom(older) : appup.downgradeTo(older));
        if (entry.isEmpty()) {
            String why;
            if (newer.appup() == null) {
                why = newer.ref().dirName() + " has no appup.json";
            } else {
                List<AppupEntry> entries = upward ? newer.appup().upFrom() : newer.appup().downTo();
                why = newer.ref().dirName() + "'s appup.json has no " + list + " entry matching " + older
                        + " (it has " + (entries.isEmpty() ? "none" : entries.stream()
                        .map(e -> e.version().toString()).collect(Collectors.joining(", "))) + ")";
            }
            problems.add(Problem.of(Code.NO_APPUP_ENTRY, left.spec().name(), from, to, why, newer.ref().dirName()));
            return List.of();
        }
        return entry.get().instructions();
    }

    private static Map<String, AppSpec> specs(ReleaseContent content) {
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        content.apps().forEach(a -> specs.put(a.spec().name(), a.spec()));
        return specs;
    }
}
