package dev.hotrel.tools.plan;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@code relup.json} against the release it belongs to, knowing only that release (as
 * {@code hotrel verify} and the node's unpack do): every upgrade plan must end in this release's
 * application versions and every downgrade plan start from them; each plan from a version has
 * its way back; instructions name servers and applications this release has where it must.
 */
public final class PlanCheck {

    private PlanCheck() {
    }

    /**
     * @param specs this release's applications by name
     */
    public static void check(Release release, Map<String, AppSpec> specs, Relup relup, List<Problem> problems) {
        if (!relup.version().equals(release.version())) {
            problems.add(Problem.of(Code.BAD_PLAN, "version " + relup.version() + ", but release.json says "
                    + release.version()));
        }
        Set<String> apps = release.applications().stream().map(AppRef::name).collect(Collectors.toSet());
        for (RelupPlan plan : relup.upFrom()) {
            String where = "upgrade from " + plan.version();
            same(release, plan, where, problems);
            if (relup.downgradeTo(plan.version()).isEmpty()) {
                problems.add(Problem.of(Code.BAD_PLAN, where + " has no downgrade plan back to " + plan.version()));
            }
            for (RelupStep step : plan.steps()) {
                if (step instanceof RelupStep.AddApplication a) {
                    mustHave(release, a.application(), a.version(), where + " adds", problems);
                } else if (step instanceof RelupStep.RemoveApplication r) {
                    mustNotHave(release, r.application(), where + " removes", problems);
                } else if (step instanceof RelupStep.ChangeApplication c) {
                    mustHave(release, c.application(), c.to(), where + " changes " + c.application() + " to", problems);
                    for (Instruction i : c.instructions()) {
                        InstructionTargets.check("relup.json, " + where + ", application " + c.application(), i,
                                null, specs.get(c.application()), null, apps, problems);
                    }
                }
            }
        }
        for (RelupPlan plan : relup.downTo()) {
            String where = "downgrade to " + plan.version();
            same(release, plan, where, problems);
            if (relup.upgradeFrom(plan.version()).isEmpty()) {
                problems.add(Problem.of(Code.BAD_PLAN, where + " has no upgrade plan from " + plan.version()));
            } else if (!relup.upgradeFrom(plan.version()).get().fingerprint().equals(plan.fingerprint())) {
                problems.add(Problem.of(Code.BAD_PLAN, where + " and the upgrade from it disagree on its fingerprint"));
            }
            for (RelupStep step : plan.steps()) {
                if (step instanceof RelupStep.AddApplication a) {
                    mustNotHave(release, a.application(), where + " adds", problems);
                } else if (step instanceof RelupStep.RemoveApplication r) {
                    mustHave(release, r.application(), r.version(), where + " removes", problems);
                } else if (step instanceof RelupStep.ChangeApplication c) {
                    mustHave(release, c.application(), c.from(), where + " changes " + c.application() + " from",
                            problems);
                    for (Instruction i : c.instructions()) {
                        InstructionTargets.check("relup.json, " + where + ", application " + c.application(), i,
                                specs.get(c.application()), null, apps, null, problems);
                    }
                }
            }
        }
    }

    private static void same(Release release, RelupPlan plan, String where, List<Problem> problems) {
        if (plan.version().equals(release.version())) {
            problems.add(Problem.of(Code.BAD_PLAN, where + ": a plan between " + release.version() + " and itself"));
        }
    }

    private static void mustHave(Release release, String app, dev.hotrel.release.Version version, String what,
                                 List<Problem> problems) {
        Optional<AppRef> ours = release.application(app);
        if (ours.isEmpty()) {
            problems.add(Problem.of(Code.BAD_PLAN, what + " " + app + "@" + version + ", but release "
                    + release.id() + " does not include " + app));
        } else if (!ours.get().version().equals(version)) {
            problems.add(Problem.of(Code.BAD_PLAN, what + " " + app + "@" + version + ", but release "
                    + release.id() + " has " + ours.get()));
        }
    }

    private static void mustNotHave(Release release, String app, String what, List<Problem> problems) {
        release.application(app).ifPresent(ours -> problems.add(Problem.of(Code.BAD_PLAN, what + " application "
                + app + ", but release " + release.id() + " includes " + ours)));
    }
}
