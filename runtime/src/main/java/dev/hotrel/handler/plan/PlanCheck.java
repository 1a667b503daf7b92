package dev.hotrel.handler.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The planner checks its own output before anything runs, as OTP's {@code systools_rc} does:
 * exactly one commit; only undoable steps before it (an apply counts as one: its undo is its
 * appup's, see {@link Step.Apply}), only non-undoable ones after it; a code
 * change only on a server suspended before it and not yet resumed; every suspended server resumed
 * after the commit, once.
 */
final class PlanCheck {

    private PlanCheck() {
    }

    static List<String> problems(List<Step> steps) {
        List<String> problems = new ArrayList<>();
        Set<String> suspended = new HashSet<>();
        Set<String> resumed = new HashSet<>();
        boolean committed = false;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = "step " + (i + 1) + " (" + step.describe() + ")";
            if (step instanceof Step.Commit) {
                if (committed) {
                    problems.add(at + " is a second commit");
                }
                committed = true;
                continue;
            }
            if (!committed && !step.undoable()) {
                problems.add(at + " cannot be undone but stands before the commit");
            }
            if (committed && step.undoable()) {
                problems.add(at + " stands after the commit");
            }
            if (step instanceof Step.Suspend s) {
                for (String server : s.servers().keySet()) {
                    if (!suspended.add(server)) {
                        problems.add(at + " suspends " + server + " twice");
                    }
                }
            } else if (step instanceof Step.CodeChange c) {
                String server = c.app() + "/" + c.server();
                if (!suspended.contains(server) || resumed.contains(server)) {
                    problems.add(at + " changes code of " + server + ", which is not suspended");
                }
            } else if (step instanceof Step.Resume r) {
                for (String server : r.servers()) {
                    if (!suspended.contains(server)) {
                        problems.add(at + " resumes " + server + ", which was never suspended");
                    } else if (!resumed.add(server)) {
                        problems.add(at + " resumes " + server + " twice");
                    }
                }
            }
        }
        if (!committed) {
            problems.add("the plan has no commit");
        }
        Set<String> left = new HashSet<>(suspended);
        left.removeAll(resumed);
        if (!left.isEmpty()) {
            problems.add("server(s) " + String.join(", ", left.stream().sorted().toList()) + " are suspended and never resumed");
        }
        return problems;
    }
}
