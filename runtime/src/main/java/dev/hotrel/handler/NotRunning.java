package dev.hotrel.handler;

import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The applications of a release that do not run on the node: what keeps a release that is
 * {@code current} from being made permanent. A release is booted with all its applications running
 * (a boot that cannot start one fails), so making permanent a release with one stopped would boot
 * something nobody has seen run.
 */
final class NotRunning {

    private NotRunning() {
    }

    /** Each application of {@code release} that is not RUNNING, as {@code app (stopped)} or {@code app (FAILED: why)}. */
    static List<String> of(Node node, ReleaseEntry release) {
        List<String> apps = new ArrayList<>();
        for (AppRef ref : release.applications()) {
            Optional<RunningApplication> app = node.application(ref.name());
            if (app.isEmpty()) {
                apps.add(ref.name() + " (stopped)");
            } else if (app.get().status() != ApplicationStatus.RUNNING) {
                String failure = app.get().failure();
                apps.add(ref.name() + " (" + app.get().status() + (failure == null ? "" : ": " + failure) + ")");
            }
        }
        return apps;
    }

    /**
     * {@code report} of an install of {@code installed}, naming the applications of it that do not
     * run, with a warning that says what to do; unchanged if all run.
     */
    static InstallReport flag(InstallReport report, Node node, ReleaseEntry installed, ReleaseEntry permanent) {
        List<String> apps = of(node, installed);
        if (apps.isEmpty()) {
            return report;
        }
        String restart = "restart them (hotrel restart " + names(apps) + ")";
        return report.withNotRunning(apps, "application(s) " + String.join(", ", apps) + " do not run: "
                + (installed.status() == ReleaseStatus.PERMANENT ? installed.id() + " runs without them; " + restart
                : installed.id() + " is installed but cannot be made permanent until they do; " + restart
                + " or roll back to " + permanent.id() + " (hotrel rollback)"));
    }

    /** The names alone, for a command line: {@code counter greeter}. */
    static String names(List<String> apps) {
        return String.join(" ", apps.stream().map(a -> a.substring(0, a.indexOf(' '))).toList());
    }
}
