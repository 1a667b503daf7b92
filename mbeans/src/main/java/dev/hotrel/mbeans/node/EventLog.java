package dev.hotrel.mbeans.node;

import dev.hotrel.handler.HandlerListener;
import dev.hotrel.handler.PendingRestart;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.NodeListener;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.purge.LeakReport;
import dev.hotrel.runtime.server.ServerProcess;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The node's lifecycle events as readable lines on its console. */
final class EventLog implements HandlerListener, NodeListener {

    private final PrintStream out;

    EventLog(PrintStream out) {
        this.out = out;
    }

    private void line(String text) {
        line(LocalTime.now(), text);
    }

    private void line(LocalTime at, String text) {
        out.println(at.truncatedTo(ChronoUnit.MILLIS) + " " + text);
    }

    @Override
    public void unpacked(String release) {
        line("unpacked " + release);
    }

    @Override
    public void installStarted(String from, String to) {
        line("installing " + to + " (from " + from + ")");
    }

    @Override
    public void installStep(String to, int index, int count, String step, java.time.Instant startedAt) {
        // When the step started: steps of a pause are told after it, together.
        line(LocalTime.ofInstant(startedAt, java.time.ZoneId.systemDefault()), "  " + index + "/" + count + " " + step);
    }

    @Override
    public void installed(InstallReport r) {
        line("installed " + r.to() + ": moved " + (r.moved().isEmpty() ? "no server" : String.join(", ", r.moved()))
                + ", longest pause " + r.longestPauseMicros() + " µs, took " + r.took().toMillis() + " ms");
        r.warnings().forEach(w -> line("  warning: " + w));
    }

    @Override
    public void rolledBack(String to, String message) {
        line("ROLLED BACK: " + message);
    }

    @Override
    public void restartRequested(PendingRestart r) {
        line(r.message());
    }

    @Override
    public void madePermanent(String release) {
        line(release + " is permanent");
    }

    @Override
    public void removed(String release) {
        line("removed " + release);
    }

    @Override
    public void purgeRefused(String message) {
        line("purge refused: " + message);
    }

    @Override
    public void leakedLoader(LeakReport report) {
        line("LEAK: " + report);
    }

    @Override
    public void applicationStarted(RunningApplication app) {
        line("started " + app.current().id());
    }

    /** Printed here, not logged: during shutdown the JDK's logging is already closed. */
    @Override
    public void applicationStopped(RunningApplication app) {
        line("stopped " + app.current().id());
    }

    @Override
    public void applicationFailed(RunningApplication app) {
        line("APPLICATION FAILED: " + app.name() + ": " + app.failure());
    }

    @Override
    public void serverRestarted(ServerProcess server, String reason) {
        line("server " + server.app() + "/" + server.name() + " restarted: " + reason);
    }
}
