package dev.hotrel.handler.plan;

import dev.hotrel.runtime.purge.PurgeMode;

import java.util.List;
import java.util.Map;

/**
 * One low-level step of an {@link UpgradePlan}: what the planner makes of the high-level appup
 * instructions, and what the executor runs, recording an undo for each.
 *
 * <p>Steps before the {@link Commit} can be undone exactly, so any failure there puts the node
 * back as it was. Steps after it are the ones that destroy something (a server's state, an
 * application, old code) or merely let work continue (resume); they are never undone, and their
 * failures are reported, not rolled back.
 */
public sealed interface Step {

    /** Whether this step may stand before the commit (it can be undone exactly). */
    boolean undoable();

    /** The step in words, for {@code checkInstallRelease}, errors and the audit log. */
    String describe();

    /** Purges an application's leftover old code before it moves; refuses if anything runs it. */
    record PurgeLeftover(String app) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "check that " + app + " has no old code left (soft purge)"; }
    }

    /** Suspends servers ({@code app/server}), all at once, each within its timeout. */
    record Suspend(List<String> servers, long timeoutMillis) implements Step {
        public Suspend { servers = List.copyOf(servers); }
        public boolean undoable() { return true; }
        public String describe() { return "suspend " + String.join(", ", servers) + " (timeout " + timeoutMillis + " ms)"; }
    }

    /** Makes an application's new version current: restarts from now on use it. */
    record SwitchCode(String app, String version) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "switch " + app + " to " + app + "@" + version; }
    }

    /** Moves a suspended server to its application's current code with {@code codeChange}. */
    record CodeChange(String app, String server, Object extra) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "code change of " + app + "/" + server + (extra == null ? "" : " (extra " + extra + ")"); }
    }

    /** Starts a server the new version adds to its supervisor. */
    record AddServer(String app, String server) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "add server " + app + "/" + server; }
    }

    /** Starts an application the new release adds. */
    record StartApp(String app, String version) implements Step {
        public boolean undoable() { return true; }
        public String describe() { return "start application " + app + "@" + version; }
    }

    /** Gives an application its new configuration and tells it what changed. */
    record ConfigChange(String app, Map<String, Object> config) implements Step {
        public ConfigChange { config = Map.copyOf(config); }
        public boolean undoable() { return true; }
        public String describe() { return "change the configuration of " + app; }
    }

    /**
     * Calls a static method of the application's current code (OTP's {@code apply}). Its own
     * effects are the application's to keep safe; a throw aborts the install.
     */
    record Apply(String app, String className, String method, List<String> args) implements Step {
        public Apply { args = List.copyOf(args); }
        public boolean undoable() { return true; }
        public String describe() { return "apply " + className + "." + method + "(" + String.join(", ", args) + ") in " + app; }
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

    /** Stops a server the new version no longer has. */
    record RemoveServer(String app, String server) implements Step {
        public boolean undoable() { return false; }
        public String describe() { return "remove server " + app + "/" + server; }
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
}
