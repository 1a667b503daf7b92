package dev.hotrel.bench.install;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

/**
 * Counts the class loaders of one application that the JVM still holds, without a heap dump: the
 * JVM's own {@code VM.classloaders} diagnostic command (what {@code jcmd PID VM.classloaders}
 * prints), read through the {@code DiagnosticCommand} MBean, lists every loader that has loaded a
 * class and not been unloaded yet, by name; Hotrel names an application version's loader
 * {@code app@version}. Right after a full GC, that is the loaders still reachable.
 */
final class LiveLoaders {

    private LiveLoaders() {
    }

    /** Loaders named {@code app@...}, or empty if the diagnostic command is not available. */
    static OptionalInt of(String app) {
        String listing;
        try {
            listing = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmClassloaders",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
        } catch (Exception e) {
            Log.say("cannot list class loaders (VM.classloaders): " + e);
            return OptionalInt.empty();
        }
        String needle = "\"" + app + "@";
        int n = 0;
        for (String line : listing.split("\n")) {
            if (line.contains(needle)) {
                n++;
            }
        }
        return OptionalInt.of(n);
    }
}
