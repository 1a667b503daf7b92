package dev.hotrel.release;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.hotrel.runtime.purge.PurgeMode;

import java.util.List;
import java.util.Locale;

/**
 * One high-level upgrade instruction of an {@link Appup} entry, as OTP's appup instructions. The
 * node's planner turns them into low-level steps (suspend, load, code change, resume, purge).
 *
 * <p>In JSON each instruction is an object whose first key names the kind and its target; options
 * follow as further keys. Every form:
 * <pre>{@code
 * {"update": "store"}                       migrate server 'store' to the new code, keeping its state
 * {"update": "store", "purge": "brutal", "suspendTimeoutMillis": 10000, "extra": {"step": 1}}
 * {"restart": "store"}                      restart server 'store' on the new code (its state is lost)
 * {"add": "reporter"}                       start server 'reporter', new in this version
 * {"remove": "legacy"}                      stop server 'legacy', gone in this version
 * {"addApplication": "metrics"}             start application 'metrics'
 * {"removeApplication": "legacy"}           stop application 'legacy' and unload it
 * {"restartApplication": "kv"}              stop application 'kv' and start it on the new code
 * {"apply": {"class": "com.example.Migrate", "method": "run", "args": ["a"]}}
 * {"apply": {"class": "com.example.Migrate", "method": "run", "args": ["a"]}, "undo": {"method": "unrun", "args": ["a"]}}
 * {"restartNode": true}                     finish the switch by restarting the node
 * }</pre>
 * An unknown kind, an unknown option, a missing target or a value of the wrong type is refused
 * with a {@link ManifestException} naming the field.
 */
@JsonSerialize(using = InstructionJson.Writer.class)
@JsonDeserialize(using = InstructionJson.Reader.class)
public sealed interface Instruction {

    /** The JSON key that names this kind of instruction: {@code update}, {@code apply}, ... */
    String kind();

    /** The instruction in words, for {@code hotrel inspect}. */
    String describe();

    /**
     * Migrates a running server to the new code, keeping its state (OTP's
     * {@code {update, Mod, {advanced, Extra}}}): the server is suspended (it finishes its current
     * message; later ones wait in its mailbox), the new version's callback converts the state in
     * {@link dev.hotrel.api.Server#codeChange codeChange(fromVersion, oldState, extra)}, and the
     * server resumes on the new code.
     *
     * @param server the registered server name
     * @param purge how the old code is purged after the release switch: {@code soft} (default,
     *              refuses while anything still runs it) or {@code brutal} (kills what still runs
     *              it; its supervisor restarts it on the new code)
     * @param suspendTimeoutMillis how long to wait for the server to finish its current message;
     *                             null for the node's default
     * @param extra any JSON value, handed to {@code codeChange} as JDK values; may be null
     */
    record Update(String server, PurgeMode purge, Long suspendTimeoutMillis, Object extra) implements Instruction {
        public Update {
            Names.server("update", server);
            purge = purge == null ? PurgeMode.SOFT : purge;
            if (suspendTimeoutMillis != null && suspendTimeoutMillis <= 0) {
                throw ManifestException.field("suspendTimeoutMillis",
                        "must be positive, found " + suspendTimeoutMillis);
            }
            extra = JsonValues.freeze("extra", extra);
        }

        /** A soft update without options. */
        public static Update of(String server) {
            return new Update(server, PurgeMode.SOFT, null, null);
        }

        @Override
        public String kind() {
            return "update";
        }

        @Override
        public String describe() {
            return "update server '" + server + "' (codeChange"
                    + (extra == null ? "" : " with extra " + extra)
                    + (suspendTimeoutMillis == null ? "" : ", suspend timeout " + suspendTimeoutMillis + " ms")
                    + ", " + purge.name().toLowerCase(Locale.ROOT) + " purge)";
        }
    }

    /** Stops a server and starts it again on the new code; its state starts over from {@code init}. */
    record Restart(String server) implements Instruction {
        public Restart {
            Names.server("restart", server);
        }

        @Override
        public String kind() {
            return "restart";
        }

        @Override
        public String describe() {
            return "restart server '" + server + "' on the new code (state is not kept)";
        }
    }

    /** Starts a server that the new version's supervisor lists and the old one did not. */
    record AddServer(String server) implements Instruction {
        public AddServer {
            Names.server("add", server);
        }

        @Override
        public String kind() {
            return "add";
        }

        @Override
        public String describe() {
            return "start new server '" + server + "'";
        }
    }

    /** Stops a server that the new version no longer has. */
    record RemoveServer(String server) implements Instruction {
        public RemoveServer {
            Names.server("remove", server);
        }

        @Override
        public String kind() {
            return "remove";
        }

        @Override
        public String describe() {
            return "stop and remove server '" + server + "'";
        }
    }

    /** Starts an application of the new release (OTP's {@code add_application}). */
    record AddApplication(String application) implements Instruction {
        public AddApplication {
            Names.application("addApplication", application);
        }

        @Override
        public String kind() {
            return "addApplication";
        }

        @Override
        public String describe() {
            return "start application '" + application + "'";
        }
    }

    /** Stops an application and unloads its code (OTP's {@code remove_application}). */
    record RemoveApplication(String application) implements Instruction {
        public RemoveApplication {
            Names.application("removeApplication", application);
        }

        @Override
        public String kind() {
            return "removeApplication";
        }

        @Override
        public String describe() {
            return "stop and unload application '" + application + "'";
        }
    }

    /** Stops an application and starts it on its new code: every server's state starts over. */
    record RestartApplication(String application) implements Instruction {
        public RestartApplication {
            Names.application("restartApplication", application);
        }

        @Override
        public String kind() {
            return "restartApplication";
        }

        @Override
        public String describe() {
            return "restart application '" + application + "' on the new code (state is not kept)";
        }
    }

    /**
     * Calls a public static method of the version being switched to, with string arguments (OTP's
     * {@code {apply, {M, F, A}}}): {@code {"apply": {"class": "x.Y", "method": "m", "args": ["a"]}}}.
     * The method takes one {@code String} parameter per argument; a throw aborts the switch, and
     * the install is rolled back.
     *
     * <p>The node cannot know what an apply did, so a rollback of the install (a later step that
     * fails before the commit) does not take it back, as OTP does not: its effects are the
     * application's to undo. An appup that can undo them says how, with an {@code undo} beside
     * the apply: {@code "undo": {"method": "unrun", "args": ["a"]}} ({@code class} defaults to
     * the apply's). The undo is called, on the same version's code, when the install is rolled
     * back after the apply returned; an apply that throws is expected to leave nothing behind,
     * and its undo is not called.
     *
     * @param args optional, default none
     * @param undo the call that takes the apply back on a rollback; null if none
     */
    record Apply(String className, String method, List<String> args, Call undo) implements Instruction {
        public Apply {
            Names.className("apply.class", className);
            Names.method("apply.method", method);
            args = Call.strings("apply.args", args);
        }

        /** An apply without undo. */
        public Apply(String className, String method, List<String> args) {
            this(className, method, args, null);
        }

        /** The apply itself, as a call. */
        public Call call() {
            return new Call(className, method, args);
        }

        @Override
        public String kind() {
            return "apply";
        }

        @Override
        public String describe() {
            return "call " + call().describe() + (undo == null ? " (no undo: a rollback leaves its effects)"
                    : " (undone by " + undo.describe() + " on a rollback)");
        }
    }

    /**
     * A call of a public static method with string arguments: what an {@link Apply} and its undo call.
     *
     * @param args optional, default none
     */
    record Call(String className, String method, List<String> args) {
        public Call {
            Names.className("class", className);
            Names.method("method", method);
            args = strings("args", args);
        }

        /** {@code x.Y.m("a", "b")} */
        public String describe() {
            return className + "." + method + "(" + String.join(", ", args.stream().map(a -> '"' + a + '"').toList()) + ")";
        }

        static List<String> strings(String field, List<String> args) {
            args = args == null ? List.of() : args;
            for (int i = 0; i < args.size(); i++) {
                Names.required(field + "[" + i + "]", args.get(i));
            }
            return List.copyOf(args);
        }
    }

    /**
     * The upgrade cannot be done in place: the node finishes the switch by restarting on the new
     * release (OTP's {@code restart_new_emulator}). Must be the last instruction of its entry.
     */
    record RestartNode() implements Instruction {
        @Override
        public String kind() {
            return "restartNode";
        }

        @Override
        public String describe() {
            return "restart the node on the new release";
        }
    }
}
