package dev.hotrel.handler.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A checked list of steps that moves the node from one release to another: data, built by the
 * planner, run by the executor, shown by {@code checkInstallRelease}.
 *
 * @param from the release version the node runs
 * @param to the release version it moves to
 * @param downgrade whether {@code to} is older (plans from {@code downTo})
 * @param steps the steps in order, exactly one {@link Step.Commit} among them
 * @param restartNode the release asks to be booted on the next node start instead of moving in place
 * @param problems what the running node and the release's manifests do not agree on; a plan with
 *                 problems is shown, never run
 */
public record UpgradePlan(String from, String to, boolean downgrade, List<Step> steps, boolean restartNode,
                          List<String> problems) {

    /** @throws IllegalArgumentException if the steps break a rule of {@link PlanCheck} */
    public UpgradePlan {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        List<String> inconsistent = PlanCheck.problems(steps);
        if (!inconsistent.isEmpty()) {
            throw new IllegalArgumentException("plan " + from + " -> " + to + " is inconsistent: " + String.join("; ", inconsistent));
        }
    }

    /** The steps in words, numbered from 1 as failures name them. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            lines.add((i + 1) + ". " + steps.get(i).describe());
        }
        return lines;
    }
}
