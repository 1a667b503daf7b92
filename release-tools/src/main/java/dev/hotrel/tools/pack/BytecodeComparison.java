package dev.hotrel.tools.pack;

import dev.hotrel.release.Instruction;
import dev.hotrel.release.RelupStep;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Closes OTP's worst gap, the appup that silently misses a change: compares the bytecode of each
 * server that both versions of a changed application run, the callback class and its state
 * classes ({@link AppClasses#stateClosure}), and reports a server that changed but that no
 * instruction of the step takes care of. Covered are: {@code update} or {@code restart} of the
 * server, {@code remove} of it, {@code restartApplication} of its application, {@code restartNode}.
 */
final class BytecodeComparison {

    private BytecodeComparison() {
    }

    /**
     * @param where e.g. {@code "upgrade from 1.0.0"}
     * @param leaving the classes of the version left ({@code step.from()})
     * @param entering the classes of the version entered ({@code step.to()})
     * @return the uncovered changes, one problem per server
     */
    static List<Problem> uncovered(String where, RelupStep.ChangeApplication step, AppClasses leaving,
                                   AppClasses entering) {
        List<Problem> problems = new ArrayList<>();
        for (String server : leaving.app().spec().servers().keySet()) {
            String before = leaving.app().spec().servers().get(server);
            String after = entering.app().spec().servers().get(server);
            if (after == null || covered(step, server)) {
                continue;
            }
            List<String> changes = changes(before, after, leaving, entering);
            if (!changes.isEmpty()) {
                problems.add(Problem.of(Code.UNCOVERED_CHANGE, where, server, step.application(), step.from(), step.to(),
                        String.join("; ", changes), server));
            }
        }
        return problems;
    }

    static boolean covered(RelupStep.ChangeApplication step, String server) {
        for (Instruction i : step.instructions()) {
            if ((i instanceof Instruction.Update u && u.server().equals(server))
                    || (i instanceof Instruction.Restart r && r.server().equals(server))
                    || (i instanceof Instruction.RemoveServer r2 && r2.server().equals(server))
                    || (i instanceof Instruction.RestartApplication a && a.application().equals(step.application()))
                    || i instanceof Instruction.RestartNode) {
                return true;
            }
        }
        return false;
    }

    /** What differs between the two versions of one server, in words; empty if nothing. */
    static List<String> changes(String before, String after, AppClasses leaving, AppClasses entering) {
        List<String> changes = new ArrayList<>();
        if (!before.equals(after)) {
            changes.add("callback class " + before + " became " + after);
        } else if (!same(before, leaving, entering)) {
            changes.add("callback class " + before + " changed");
        }
        SortedSet<String> stateClasses = new TreeSet<>();
        stateClasses.addAll(state(before, leaving));
        stateClasses.addAll(state(after, entering));
        List<String> changedState = new ArrayList<>();
        for (String name : stateClasses) {
            if (!same(name, leaving, entering)) {
                changedState.add(name);
            }
        }
        if (!changedState.isEmpty()) {
            changes.add("state class" + (changedState.size() == 1 ? " " : "es ") + String.join(", ", changedState)
                    + " changed");
        }
        return changes;
    }

    private static SortedSet<String> state(String callback, AppClasses classes) {
        try {
            Optional<Class<?>> state = classes.stateClass(classes.load(callback));
            return state.map(classes::stateClosure).orElseGet(TreeSet::new);
        } catch (ClassNotFoundException | LinkageError | TypeNotPresentException e) {
            // A callback that cannot be loaded is reported by ClassChecks; here it simply differs.
            return new TreeSet<>();
        }
    }

    static boolean same(String className, AppClasses a, AppClasses b) {
        Optional<byte[]> x = a.bytes(className);
        Optional<byte[]> y = b.bytes(className);
        return x.isPresent() && y.isPresent() && Arrays.equals(x.get(), y.get());
    }
}
