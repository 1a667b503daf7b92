package dev.hotrel.runtime.purge;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Looks for the usual holders of a leaked application loader, the way Tomcat's leak detection
 * does: threads running its code, threads that have it as context loader, shutdown hooks of its
 * classes, MBeans it registered, {@code ThreadLocal}s on any thread whose value (or whose own
 * class) comes from it. Not exhaustive (a static field elsewhere, a JVM-wide cache like Jackson's
 * default {@code TypeFactory} or {@code ObjectStreamClass}'s, a value held deeper inside a
 * ThreadLocal's value): for those the report says to take a heap dump.
 */
final class LeakSuspects {

    private LeakSuspects() {
    }

    static List<String> find(ClassLoader loader) {
        List<String> suspects = new ArrayList<>();
        threads(loader, suspects);
        shutdownHooks(loader, suspects);
        mbeans(loader, suspects);
        return suspects;
    }

    private static void threads(ClassLoader loader, List<String> out) {
        String name = loader.getName();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            for (StackTraceElement frame : e.getValue()) {
                if (name.equals(frame.getClassLoaderName())) {
                    out.add("thread '" + t.getName() + "' runs code of " + name + " (at " + frame + ")");
                    break;
                }
            }
            if (t.getClass().getClassLoader() == loader) {
                out.add("thread '" + t.getName() + "' is a " + t.getClass().getName() + " of " + name);
            }
            if (t.getContextClassLoader() == loader) {
                out.add("thread '" + t.getName() + "' has " + name + " as context classloader");
            }
            threadLocals(t, "threadLocals", loader, out);
            threadLocals(t, "inheritableThreadLocals", loader, out);
            if (inheritedContextHolds(t, loader)) {
                out.add("thread '" + t.getName() + "' was created while code of " + name + " ran, and its inherited "
                        + "access control context holds that code (create threads before, or in a privileged block)");
            }
        }
    }

    /**
     * The ThreadLocals of {@code t} (its {@code field}: plain or inheritable) whose value, or whose own
     * class, comes from {@code loader}: a thread of a pool keeps them for its whole life.
     */
    private static void threadLocals(Thread t, String field, ClassLoader loader, List<String> out) {
        try {
            Field mapField = Thread.class.getDeclaredField(field);
            mapField.setAccessible(true);
            Object map = mapField.get(t);
            if (map == null) {
                return;
            }
            Field tableField = map.getClass().getDeclaredField("table");
            tableField.setAccessible(true);
            Object[] table = (Object[]) tableField.get(map);
            for (Object entry : table) {
                if (entry == null) {
                    continue;
                }
                Object local = ((java.lang.ref.Reference<?>) entry).get();
                Field valueField = entry.getClass().getDeclaredField("value");
                valueField.setAccessible(true);
                Object value = valueField.get(entry);
                boolean localIsApps = local != null && local.getClass().getClassLoader() == loader;
                boolean valueIsApps = value != null && value.getClass().getClassLoader() == loader;
                if (localIsApps || valueIsApps) {
                    out.add("thread '" + t.getName() + "' holds a ThreadLocal (" + (local == null ? "already collected"
                            : local.getClass().getName()) + ") whose value is a " + (value == null ? "null"
                            : value.getClass().getName()) + " of " + loader.getName()
                            + " (remove it in the code that set it, or in terminate)");
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not inspectable on this JVM (no --add-opens java.base/java.lang).
        }
    }

    /** Whether the access control context a thread inherited at creation names a class of {@code loader}. */
    private static boolean inheritedContextHolds(Thread t, ClassLoader loader) {
        try {
            Field inherited = Thread.class.getDeclaredField("inheritedAccessControlContext");
            inherited.setAccessible(true);
            Object acc = inherited.get(t);
            if (acc == null) {
                return false;
            }
            Field context = acc.getClass().getDeclaredField("context");
            context.setAccessible(true);
            Object[] domains = (Object[]) context.get(acc);
            if (domains == null) {
                return false;
            }
            for (Object d : domains) {
                if (d instanceof java.security.ProtectionDomain pd && pd.getClassLoader() == loader) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not inspectable on this JVM (no --add-opens for java.lang and java.security, or a newer JDK).
            return false;
        }
    }

    private static void shutdownHooks(ClassLoader loader, List<String> out) {
        Map<?, ?> hooks;
        Class<?> c;
        try {
            c = Class.forName("java.lang.ApplicationShutdownHooks");
            Field f = c.getDeclaredField("hooks");
            f.setAccessible(true);
            hooks = (Map<?, ?>) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            out.add("shutdown hooks could not be inspected (start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED "
                    + "--add-opens java.base/java.security=ALL-UNNAMED): " + e.getMessage());
            return;
        }
        if (hooks == null) {
            return;
        }
        synchronized (c) {
            for (Object key : List.copyOf(hooks.keySet())) {
                Thread hook = (Thread) key;
                if (hook.getClass().getClassLoader() == loader || hook.getContextClassLoader() == loader) {
                    out.add("shutdown hook '" + hook.getName() + "' (" + hook.getClass().getName()
                            + ") belongs to " + loader.getName());
                }
            }
        }
    }

    private static void mbeans(ClassLoader loader, List<String> out) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(null, null)) {
            try {
                if (server.getClassLoaderFor(name) == loader) {
                    out.add("MBean " + name + " registered by " + loader.getName() + " is still registered");
                }
            } catch (InstanceNotFoundException e) {
                // Unregistered while we looked.
            }
        }
    }
}
