package dev.hotrel.tools.cli;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Release;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.plan.DependencyOrder;
import dev.hotrel.tools.verify.VerifiedRelease;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A verified release in words, for {@code hotrel inspect}: what it holds and each plan, step by step. */
final class ReleaseDescription {

    private ReleaseDescription() {
    }

    static List<String> lines(VerifiedRelease verified) {
        List<String> lines = new ArrayList<>();
        Release release = verified.release();
        lines.add("release " + release.name() + " " + release.version() + " (runtime " + release.runtime() + ")");
        lines.add("fingerprint " + verified.fingerprint());
        Map<String, AppSpec> specs = new LinkedHashMap<>();
        verified.content().apps().stream().map(AppFolder::spec).forEach(s -> specs.put(s.name(), s));
        lines.add("applications, in start order:");
        for (String name : DependencyOrder.of(release, specs, new ArrayList<>())) {
            AppSpec app = specs.get(name);
            lines.add("  " + app.name() + " " + app.version() + ": start " + app.start()
                    + (app.servers().isEmpty() ? "; no servers" : "; servers " + app.servers().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")))
                    + (app.dependsOn().isEmpty() ? "" : "; depends on " + String.join(", ", app.dependsOn())));
        }
        verified.sysIfAny().ifPresent(sys -> sys.applications().forEach((app, config) ->
                lines.add("configuration of " + app + ": " + String.join(", ", config.keySet()))));
        if (verified.relup().upFrom().isEmpty() && verified.relup().downTo().isEmpty()) {
            lines.add("no upgrade or downgrade plans (a first release)");
        }
        for (RelupPlan plan : verified.relup().upFrom()) {
            lines.add("upgrade from " + plan.version() + " (whose fingerprint is " + plan.fingerprint() + "):");
            steps(plan, lines);
        }
        for (RelupPlan plan : verified.relup().downTo()) {
            lines.add("downgrade to " + plan.version() + ":");
            steps(plan, lines);
        }
        return lines;
    }

    private static void steps(RelupPlan plan, List<String> lines) {
        if (plan.steps().isEmpty()) {
            lines.add("  nothing to do: the releases have the same application versions");
        }
        int n = 1;
        for (RelupStep step : plan.steps()) {
            lines.add("  " + n++ + ". " + step.describe());
            if (step instanceof RelupStep.ChangeApplication change) {
                for (Instruction instruction : change.instructions()) {
                    lines.add("       " + instruction.describe());
                }
            }
        }
    }
}
