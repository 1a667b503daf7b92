package dev.hotrel.handler.plan;

import dev.hotrel.release.Instruction;
import dev.hotrel.runtime.purge.PurgeMode;

import java.util.List;
import java.util.Map;

/**
 * One low-level step of an {@link UpgradePlan}: what the planner makes of the high-level appup
 * instructions, and what the executor runs, recording an undo for each.
 *
 * <p>Steps before the {@link Commit} can be undone exactly, so any failure there puts the node
 * back as it was; each either succeeds or fails having changed nothing. The one exception is
 * {@link Apply}: the node undoes it only with the undo its appup pairs with it. Steps after the
 * commit are the ones that destroy something (a server's state, an application, old code) or
 * merely let work continue (resume); they are never undone, and their failures are reported, not
 * rolled back.
 */
public sealed interface Step {

    /** Whether this step may stand before the commit (it can be undone exactly, or is an {@link Apply}). */
    boolean undoable();

    /** The step in words, for {@code checkInstallRelease}, errors and the audit log. */
    String describe();

    /** Purges an application's leftover old code before it moves; refuses if anything runs it. */
    record PurgeLeftover(String app) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "check that " + app + " has no old code left (soft purge)"; }
    }

    /**
     * Suspends every moving server ({@code app/server} → its suspend timeout) as one set: each
     * finishes its current message, and while the set drains a member keeps answering calls from
     * members still finishing theirs, so calls between moving servers never deadlock the install.
     */
    record Suspend(Map<String, Long> servers) implements Step {
        public Suspend { servers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servers)); }
        public boolean undoable() { return true; }
        public String describe() {
            Map<Long, List<String>> byTimeout = new java.util.TreeMap<>();
            servers.forEach((s, t) -> byTimeout.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(s));
            List<String> parts = new java.util.ArrayList<>();
            byTimeout.forEach((t, list) -> parts.add(String.join(", ", list) + " (timeout " + t + " ms)"));
            return "suspend " + String.join("; ", parts);
        }
    }

    /**
     * Makes an application's new version current (restarts from now on use it) and puts its
     * supervision tree's new strategies, intensities, child specs and order in force.
     */
    record SwitchCode(String app, String version) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "switch " + app + " and its supervisors to " + app + "@" + version; }
    }

    /**
     * Moves a suspended server to its application's current code: {@code codeChange} of the new
     * code on an upgrade; on a downgrade {@code downgradeState} of the code being left, then
     * {@code codeChange} of the older code.
     */
    record CodeChange(String app, String server, Object extra, boolean downgrade) implements Step {
        public boolean undoable() { return true; }
        public String describe() {
            return (downgrade ? "downgrade state and code change of " : "code change of ") + app + "/" + server
                    + (extra == null ? "" : " (extra " + extra + ")");
        }
    }

    /**
     * Starts a child the new version's tree adds: a server, or a supervisor with its whole subtree.
     *
     * @param parent the path of the supervisor it goes under ({@code ""} for the root)
     */
    record AddChild(String app, String parent, String name, boolean supervisor) implements Step {
        public boolean undoable() { return true; }
        public String describe() {
            return "add " + (supervisor ? "supervisor " : "server ") + app + "/" + path(parent, name)
                    + (supervisor ? " with its children" : "");
        }
    }

    /** Starts an application the new release adds. */
    record StartApp(String app, String version) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "start application " + app + "@" + version; }
    }

    /**
     * Gives an application its new configuration and tells it what changed ({@code configChange}),
     * once its servers run again: its own servers answer its calls then.
     */
    record ConfigChange(String app, Map<String, Object> before, Map<String, Object> after) implements Step {
        public ConfigChange { before = Map.copyOf(before); after = Map.copyOf(after); }
        public boolean undoable() { return false; }
        public String describe() { return "change the configuration of " + app; }
    }

    /**
     * Calls a static method of the application's current code (OTP's {@code apply}); a throw
     * aborts the install. It may stand before the commit although the node cannot take back what
     * it did: on a rollback its {@code undo}, if the appup gives one, is called on the same code;
     * without one its effects stay, and are the application's to undo (the rollback's message
     * names it). See {@link Instruction.Apply}.
     *
     * @param undo the call that takes it back on a rollback, or null
     */
    record Apply(String app, Instruction.Call call, Instruction.Call undo) implements Step {
        public boolean undoable() { return true; }
        public String describe() {
            return "apply " + call.describe() + " in " + app + (undo == null ? " (no undo: a rollback leaves its effects)"
                    : " (undone by " + undo.describe() + ")");
        }
    }

    /** The point after which the release is installed, whatever happens next. */
    record Commit() implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "commit"; }
    }

    /** Lets suspended servers ({@code app/server}) handle their queued messages again. */
    record Resume(List<String> servers) implements Step {
        public Resume { servers = List.copyOf(servers); }
        public boolean undoable() { return false; }
        public String describe() { return "resume " + String.join(", ", servers); }
    }

    /** Restarts a server on its application's current code (its state starts afresh). */
    record RestartServer(String app, String server) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "restart server " + app + "/" + server; }
    }

    /** Stops a child the new version's tree no longer has: a server, or a supervisor and its subtree. */
    record RemoveChild(String app, String parent, String name, boolean supervisor) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "remove " + (supervisor ? "supervisor " : "server ") + app + "/" + path(parent, name); }
    }

    /** Stops an application the new release no longer has. */
    record StopApp(String app) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "stop application " + app; }
    }

    /** Stops an application and starts it afresh on {@code version} (every server's state starts over). */
    record RestartApp(String app, String version) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "restart application " + app + " on " + app + "@" + version; }
    }

    /** Purges an application's old code. */
    record Purge(String app, PurgeMode mode) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return mode.name().toLowerCase() + " purge of " + app + "'s old code"; }
    }

    /** {@code parent/name}, or {@code name} under the root. */
    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
