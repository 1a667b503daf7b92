package dev.hotrel.handler;

import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.api.OldState;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.TreeIndex;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.code.MessageConversion;
import dev.hotrel.runtime.code.StateType;
import dev.hotrel.runtime.server.ServerProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rehearses each moving server's state conversion before anything is suspended, as far as the
 * runtime can without running application code that may have side effects: the real state,
 * written by the running version's mapper and read by the target version's, the result dropped.
 * Where the application converts the state itself ({@code codeChange} on the way up, or
 * {@code downgradeState} on the way down), that is said, not run.
 *
 * <p>A conversion the runtime itself would make and that fails is a problem: the install would
 * fail at that server, so the check says so first, naming the field.
 */
final class Rehearsal {

    /**
     * What was found.
     *
     * @param lines one per moving server, for the check report
     * @param problems conversions that would fail
     */
    record Result(List<String> lines, List<String> problems) {
    }

    private Rehearsal() {
    }

    /**
     * One server's rehearsal in two halves: what can be said at once, or the read of its state queued
     * in its mailbox, to be collected once every server's read is queued (so 100,000 servers are read
     * in parallel, and busy servers cost one shared wait, not a second each).
     */
    private interface Finish {
        String line(List<String> problems, long remainingNanos);
    }

    static Result run(Node node, UpgradePlan plan, Map<String, AppTarget> targets) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> callbacks = new java.util.HashMap<>(); // per app, one walk of its tree
        Map<String, Finish> byServer = new java.util.LinkedHashMap<>(); // "app/server", in plan order
        for (Step step : plan.steps()) {
            if (!(step instanceof Step.CodeChange c)) {
                continue;
            }
            AppTarget target = targets.get(c.app());
            RunningApplication app = node.application(c.app()).orElse(null);
            ServerProcess server = node.registry().find(c.server());
            String who = c.app() + "/" + c.server();
            if (target == null || target.spec() == null || app == null || server == null || server.code() == null) {
                byServer.put(who, (found, remaining) -> "not rehearsed (not running now)");
                continue;
            }
            String callback = callbacks.computeIfAbsent(c.app(), a -> TreeIndex.of(target.spec()).callbacks()).get(c.server());
            Finish rehearsal = rehearse(c, app.current(), target, callback, server);
            byServer.put(who, (found, remaining) -> rehearsal.line(found, remaining) + inFlight(c, target, server, found));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUSY_SECONDS);
        byServer.forEach((who, finish) -> lines.add(who + ": " + finish.line(problems, Math.max(0, deadline - System.nanoTime()))));
        return new Result(lines, problems);
    }

    private static Finish rehearse(Step.CodeChange c, AppVersion running, AppTarget target, String callback, ServerProcess server) {
        Class<?> leaving = server.code().callback().getClass();
        Class<?> entering;
        try {
            entering = target.version().loadClass(callback);
        } catch (ClassNotFoundException | LinkageError e) {
            return (problems, remaining) -> {
                problems.add("server " + c.app() + "/" + c.server() + ": callback " + callback + " is missing from " + target.version().id());
                return "callback missing";
            };
        }
        if (c.downgrade() && StateType.overrides(leaving, "downgradeState", String.class, Object.class, Object.class)) {
            String line = "downgradeState of " + running.id() + " converts the state (runs at install, then "
                    + (StateType.overrides(entering, "codeChange", String.class, OldState.class, Object.class)
                    ? "codeChange of " + target.version().id() + ")" : "into " + describe(StateType.of(entering)) + " by field names)");
            return (problems, remaining) -> line;
        }
        Class<?> declared = StateType.of(entering);
        if (StateType.overrides(entering, "codeChange", String.class, OldState.class, Object.class)) {
            // The application converts; what the runtime does for it (the tree) is rehearsed still.
            ServerProcess.Inspection read = server.inspectLater(state -> target.version().migrationFrom(running, state, declared).tree());
            return (problems, remaining) -> {
                try {
                    read.await(remaining, TimeUnit.NANOSECONDS);
                } catch (CallTimeoutException e) {
                    return "codeChange of " + target.version().id() + " converts the state (runs at install; " + busy(server) + ")";
                } catch (RuntimeException | LinkageError e) {
                    problems.add("server " + c.app() + "/" + c.server() + ": its state cannot be converted from " + running.id()
                            + " to " + target.version().id() + ": " + e.getMessage());
                    return "state does not convert: " + e.getMessage();
                }
                return "codeChange of " + target.version().id() + " converts the state (runs at install)";
            };
        }
        ServerProcess.Inspection read = server.inspectLater(state -> target.version()
                .migrationFrom(running, state, declared).asSameClass());
        return (problems, remaining) -> {
            try {
                Object converted = read.await(remaining, TimeUnit.NANOSECONDS);
                return "state converts by field names into " + (converted == null ? "null" : converted.getClass().getName())
                        + " (rehearsed)";
            } catch (CallTimeoutException e) {
                return "state converts by field names (not rehearsed: " + busy(server) + ")";
            } catch (RuntimeException | LinkageError e) {
                String why = e.getMessage();
                problems.add("server " + c.app() + "/" + c.server() + ": its state cannot be converted from " + running.id()
                        + " to " + target.version().id() + ": " + why);
                return "state does not convert: " + why;
            }
        };
    }

    /** Messages queued or set on a timer that the new code must receive converted: rehearsed too. */
    private static String inFlight(Step.CodeChange c, AppTarget target, ServerProcess server, List<String> problems) {
        int converted = 0;
        for (Object message : server.inFlight()) {
            if (MessageConversion.needed(message, target.version())) {
                try {
                    MessageConversion.convert(message, target.version());
                    converted++;
                } catch (RuntimeException e) {
                    problems.add("server " + c.app() + "/" + c.server() + ": " + e.getMessage());
                }
            }
        }
        return converted == 0 ? "" : "; " + converted + " message(s) in flight convert (rehearsed)";
    }

    /** A check waits this long for a busy server's state, then says so instead of waiting longer. */
    private static final long BUSY_SECONDS = 1;

    private static String busy(ServerProcess server) {
        return "it was busy with a message for over " + BUSY_SECONDS + " s";
    }

    private static String describe(Class<?> type) {
        return type == null ? "the same class" : type.getName();
    }
}
