package dev.hotrel.handler.exec;

import dev.hotrel.handler.plan.Step;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.purge.PurgeRefusedException;
import dev.hotrel.runtime.server.ServerProcess;

import java.util.List;
import java.util.Map;

/**
 * Runs the steps after the commit. The release is installed whatever happens here, so a failure
 * is collected as a warning and the next step runs (Felix's set-wide passes: collect and go on).
 */
final class AfterCommit {

    private final Node node;
    private final String release;
    private final Map<String, Long> suspendedAt;
    private final Map<String, Long> pauses;
    private final List<String> warnings;
    private final Map<String, AppTarget> targets;

    AfterCommit(Node node, String release, Map<String, Long> suspendedAt, Map<String, Long> pauses, List<String> warnings,
                Map<String, AppTarget> targets) {
        this.node = node;
        this.targets = targets;
        this.release = release;
        this.suspendedAt = suspendedAt;
        this.pauses = pauses;
        this.warnings = warnings;
    }

    void run(int index, Step step) {
        try {
            runOrThrow(step);
        } catch (PurgeRefusedException e) {
            warnings.add("step " + index + ": old code kept: " + e.getMessage());
        } catch (RuntimeException e) {
            warnings.add("step " + index + " (" + step.describe() + ") failed: " + InstallFailedException.reason(e));
        }
    }

    private void runOrThrow(Step step) {
        if (step instanceof Step.Resume r) {
            for (String qualified : r.servers()) {
                String name = qualified.substring(qualified.indexOf('/') + 1);
                ServerProcess server = node.registry().find(name);
                // The pause ends when the server takes messages again: before resume() wakes a thread to drain
                // them, which on a busy machine may take this thread off its core for a while (measured: the Resume
                // step took 0.3-0.6 ms in about a third of installs under 4 clients, 0.0 ms in the rest).
                long resumed = System.nanoTime();
                if (server != null) {
                    server.resume();
                }
                Long at = suspendedAt.get(name);
                if (at != null) {
                    pauses.put(qualified, (resumed - at) / 1_000);
                }
            }
        } else if (step instanceof Step.ConfigChange c) {
            RunningApplication app = app(c.app());
            app.setConfig(c.after());
            app.configChanged(c.before(), c.after());
        } else if (step instanceof Step.RestartServer r) {
            app(r.app()).supervisor().restart(r.server(), "restarted by release " + release);
        } else if (step instanceof Step.RemoveChild r) {
            app(r.app()).supervisor().subtree(r.parent()).orElseThrow(() -> new IllegalStateException(
                    "application " + r.app() + " runs no supervisor " + r.parent()))
                    .remove(r.name(), "removed by release " + release);
        } else if (step instanceof Step.StopApp s) {
            node.stopApplication(s.app());
        } else if (step instanceof Step.RestartApp r) {
            AppTarget target = targets.get(r.app());
            if (target == null || !target.version().version().equals(r.version())) {
                throw new IllegalStateException("no staged " + r.app() + "@" + r.version() + " to restart on");
            }
            node.stopApplication(r.app());
            try {
                node.startApplication(target.version(), target.startClass(), target.config());
            } catch (RuntimeException e) {
                // Nothing of it runs; a later restart by the operator loads the version afresh.
                node.discard(target.version());
                throw e;
            }
        } else if (step instanceof Step.Purge p) {
            node.purge(p.app(), p.mode());
        } else if (!(step instanceof Step.Commit)) {
            throw new IllegalArgumentException("step cannot stand after the commit: " + step.describe());
        }
    }

    private RunningApplication app(String name) {
        return node.application(name).orElseThrow(() -> new IllegalStateException("application " + name + " does not run"));
    }
}
