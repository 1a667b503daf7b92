package dev.hotrel.tools.pack;

import dev.hotrel.release.Appup;
import dev.hotrel.release.AppupEntry;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Version;
import dev.hotrel.release.VersionPattern;
import dev.hotrel.tools.archive.AppFolder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Drafts an application version's {@code appup.json} from the bytecode difference between it and
 * earlier versions, as rebar3's appup plugin does for Erlang, and says what it decided and why. For
 * each earlier version, up and back down:
 * <ul>
 *   <li>the start class changed (its supervision tree may have changed with it): restart the
 *       application, and nothing else;</li>
 *   <li>a server whose callback class or state classes changed ({@link BytecodeComparison}):
 *       {@code update}, which {@code hotrel pack} requires of such a server;</li>
 *   <li>a server only the newer version has: {@code add} up, {@code remove} down; one only the older
 *       version has: {@code remove} up, {@code add} down;</li>
 *   <li>any other server: no instruction (it still moves to the new code, with its state, since
 *       every server running in the application's tree moves).</li>
 * </ul>
 * A draft for its author to keep or edit: it knows nothing of {@code extra} values, purge modes or
 * {@code apply} steps. Loads classes without initializing them: no application code runs.
 *
 * @param appup the drafted appup
 * @param decisions one line per decision, in the order of the entries
 */
public record AppupDraft(Appup appup, List<String> decisions) {

    public AppupDraft {
        Objects.requireNonNull(appup, "appup");
        decisions = List.copyOf(decisions);
    }

    /**
     * @param current the version the appup is for
     * @param earlier the versions to come up from and go back down to, each older than {@code current}
     * @throws IllegalArgumentException naming an earlier version that is not another version of the
     *         same application, older than {@code current}
     */
    public static AppupDraft draft(AppFolder current, List<AppFolder> earlier) {
        List<AppupEntry> up = new ArrayList<>();
        List<AppupEntry> down = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        try (AppClasses entering = AppClasses.open(current)) {
            for (AppFolder old : earlier) {
                if (!old.spec().name().equals(current.spec().name())) {
                    throw new IllegalArgumentException(old.dir() + " holds application " + old.ref() + ", not a version of "
                            + current.spec().name());
                }
                if (old.spec().version().compareTo(current.spec().version()) >= 0) {
                    throw new IllegalArgumentException(old.ref() + " is not older than " + current.ref()
                            + ": an appup is written by the newer version, for the older ones");
                }
                try (AppClasses leaving = AppClasses.open(old)) {
                    entries(old.spec().version(), current, leaving, entering, up, down, decisions);
                }
            }
        }
        return new AppupDraft(new Appup(current.spec().version(), up, down), decisions);
    }

    private static void entries(Version from, AppFolder current, AppClasses leaving, AppClasses entering,
                                List<AppupEntry> up, List<AppupEntry> down, List<String> decisions) {
        String app = current.spec().name();
        String where = "from " + from + ": ";
        VersionPattern pattern = VersionPattern.parse(from.toString());
        String oldStart = leaving.app().spec().start();
        String newStart = current.spec().start();
        if (!oldStart.equals(newStart) || !BytecodeComparison.same(newStart, leaving, entering)) {
            up.add(new AppupEntry(pattern, List.of(new Instruction.RestartApplication(app))));
            down.add(new AppupEntry(pattern, List.of(new Instruction.RestartApplication(app))));
            decisions.add(where + "restartApplication " + app + " (up and down): the start class "
                    + (oldStart.equals(newStart) ? newStart + " changed" : oldStart + " became " + newStart)
                    + ", so its supervision tree may differ; every server starts afresh and loses its state. "
                    + "If the tree is the same, replace it with an update of each changed server to keep their state");
            return;
        }
        Map<String, String> before = leaving.app().spec().servers();
        Map<String, String> after = current.spec().servers();
        Set<String> all = new LinkedHashSet<>(after.keySet());
        all.addAll(before.keySet());
        List<Instruction> upward = new ArrayList<>();
        List<Instruction> downward = new ArrayList<>();
        for (String server : all) {
            if (!before.containsKey(server)) {
                upward.add(new Instruction.AddServer(server));
                downward.add(new Instruction.RemoveServer(server));
                decisions.add(where + "add " + server + " (remove on the way down): new in " + current.spec().version());
            } else if (!after.containsKey(server)) {
                upward.add(new Instruction.RemoveServer(server));
                downward.add(new Instruction.AddServer(server));
                decisions.add(where + "remove " + server + " (add on the way down): gone in " + current.spec().version());
            } else {
                List<String> changes = BytecodeComparison.changes(before.get(server), after.get(server), leaving, entering);
                if (changes.isEmpty()) {
                    decisions.add(where + "no instruction for " + server + ": neither its callback nor its state "
                            + "classes changed (it still moves to the new code with its state)");
                } else {
                    upward.add(Instruction.Update.of(server));
                    downward.add(Instruction.Update.of(server));
                    decisions.add(where + "update " + server + " (up and down): " + String.join("; ", changes)
                            + "; codeChange (up) and downgradeState (down) migrate its state");
                }
            }
        }
        up.add(new AppupEntry(pattern, upward));
        down.add(new AppupEntry(pattern, downward));
    }
}
