package dev.hotrel.tools.pack;

import dev.hotrel.api.Application;
import dev.hotrel.api.Server;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks, by loading them (without running them), that the classes manifests and instructions name
 * are in the jars that ship them and are what they must be: the start class an
 * {@link Application}, every server callback a {@link Server}, both with a public no-arg
 * constructor; the methods an {@code apply} instruction and its undo call public, static and
 * taking one {@code String} per argument.
 */
final class ClassChecks {

    private ClassChecks() {
    }

    static void application(AppClasses classes, List<Problem> problems) {
        AppSpec spec = classes.app().spec();
        String where = "lib/" + spec.ref().dirName() + "/app.json";
        instantiable(classes, where, "start class", spec.start(), Application.class, problems);
        for (Map.Entry<String, String> server : spec.servers().entrySet()) {
            instantiable(classes, where, "server '" + server.getKey() + "'", server.getValue(), Server.class, problems);
        }
    }

    static void apply(String where, Instruction.Apply apply, AppClasses entering, List<Problem> problems) {
        staticCall(where, "apply", apply.call(), entering, problems);
        if (apply.undo() != null) {
            staticCall(where, "apply's undo", apply.undo(), entering, problems);
        }
    }

    private static void staticCall(String where, String role, Instruction.Call call, AppClasses entering, List<Problem> problems) {
        String text = call.className() + "." + call.method() + "(" + String.join(", ",
                call.args().stream().map(a -> "String").toList()) + ")";
        Class<?> c = load(entering, where, role, call.className(), problems);
        if (c == null) {
            return;
        }
        Class<?>[] params = new Class<?>[call.args().size()];
        Arrays.fill(params, String.class);
        try {
            Method m = c.getMethod(call.method(), params);
            if (!Modifier.isStatic(m.getModifiers())) {
                problems.add(Problem.of(Code.MISSING_CLASS, where, role, "calls " + text + ", which is not static"));
            }
        } catch (NoSuchMethodException e) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, "calls " + text + ", but "
                    + entering.app().ref() + " has no public method of that name taking " + params.length
                    + " String argument" + (params.length == 1 ? "" : "s")));
        } catch (LinkageError e) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, "calls " + text + ", whose class cannot be "
                    + "linked: " + e));
        }
    }

    private static void instantiable(AppClasses classes, String where, String role, String className,
                                     Class<?> type, List<Problem> problems) {
        Class<?> c = load(classes, where, role, className, problems);
        if (c == null) {
            return;
        }
        if (!type.isAssignableFrom(c)) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, className + " does not implement " + type.getName()));
        } else if (Modifier.isAbstract(c.getModifiers())) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, className + " is abstract"));
        } else {
            try {
                if (!Modifier.isPublic(c.getConstructor().getModifiers())) {
                    throw new NoSuchMethodException();
                }
            } catch (NoSuchMethodException | LinkageError e) {
                problems.add(Problem.of(Code.MISSING_CLASS, where, role, className
                        + " has no public no-arg constructor"));
            }
        }
    }

    static Class<?> load(AppClasses classes, String where, String role, String className, List<Problem> problems) {
        try {
            return classes.load(className);
        } catch (ClassNotFoundException e) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, "names class " + className + ", which is not in "
                    + "the jars of " + classes.app().ref()));
        } catch (LinkageError e) {
            problems.add(Problem.of(Code.MISSING_CLASS, where, role, "names class " + className
                    + ", which cannot be linked in " + classes.app().ref() + ": " + e));
        }
        return null;
    }
}
