package dev.hotrel.mbeans.access;

import javax.management.ObjectName;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what through the management surface, for Jolokia ({@code JolokiaAccess}) and remote
 * JMX ({@link JmxAccess}) alike. Everything not allowed here is refused, to every role.
 *
 * <ul>
 *   <li>{@code hotrel} domain: every attribute is readable by both roles; the read-only operations
 *       ({@link #OBSERVER_OPERATIONS}) may be called by both; every other operation, and any
 *       attribute write, by a {@link Role#DEPLOYER} only.</li>
 *   <li>{@code java.lang}: reads only, and only where nothing secret lives: memory, memory pools and
 *       managers, garbage collectors, threads, class loading, compilation, the operating system's
 *       load and memory, and of {@code Runtime} the uptime, start time, name and versions — never
 *       {@code SystemProperties}, {@code InputArguments} (where {@code -D} passwords sit), class or
 *       library paths. No {@code java.lang} operation (no thread dumps, no GC).</li>
 *   <li>Pulling notifications from Jolokia's notification store, for both roles.</li>
 *   <li>Nothing else: no {@code com.sun.management} (DiagnosticCommand, HotSpotDiagnostic: heap
 *       dumps, VM flags), no {@code jdk.management.jfr} (flight recordings), no
 *       {@code java.util.logging} (log levels), no MLet or any other MBean creation.</li>
 * </ul>
 *
 * Stateless; every method is thread-safe.
 */
public final class ManagementPolicy {

    /** Operations of the {@code hotrel} MBeans that change nothing and load no code. */
    static final Set<String> OBSERVER_OPERATIONS = Set.of("verifyRelease", "findLeaks", "getState", "serverState");

    private static final Set<String> JAVA_LANG_TYPES = Set.of("Memory", "MemoryPool", "MemoryManager", "GarbageCollector",
            "Threading", "ClassLoading", "Compilation", "OperatingSystem");
    private static final Map<String, Set<String>> JAVA_LANG_ATTRIBUTES = Map.of("Runtime", Set.of("Uptime", "StartTime",
            "Name", "Pid", "VmName", "VmVendor", "VmVersion", "SpecName", "SpecVendor", "SpecVersion",
            "ManagementSpecVersion"));

    private ManagementPolicy() {
    }

    public static boolean mayRead(Role role, ObjectName name, String attribute) {
        if (role == null) {
            return false;
        }
        if (isHotrel(name)) {
            return true;
        }
        if (!"java.lang".equals(name.getDomain())) {
            return false;
        }
        String type = name.getKeyProperty("type");
        if (type != null && JAVA_LANG_TYPES.contains(type)) {
            return true;
        }
        Set<String> allowed = type == null ? null : JAVA_LANG_ATTRIBUTES.get(type);
        return allowed != null && attribute != null && allowed.contains(attribute);
    }

    public static boolean mayWrite(Role role, ObjectName name, String attribute) {
        return role == Role.DEPLOYER && isHotrel(name);
    }

    /** @param operation its name, optionally with Jolokia's signature ({@code installRelease(java.lang.String)}) */
    public static boolean mayInvoke(Role role, ObjectName name, String operation) {
        if (role == null || operation == null) {
            return false;
        }
        int paren = operation.indexOf('(');
        String op = paren < 0 ? operation : operation.substring(0, paren);
        if (isHotrel(name)) {
            return role == Role.DEPLOYER || OBSERVER_OPERATIONS.contains(op);
        }
        return "jolokia".equals(name.getDomain()) && "NotificationStore".equals(name.getKeyProperty("type"))
                && "pull".equals(op);
    }

    private static boolean isHotrel(ObjectName name) {
        return name != null && "hotrel".equals(name.getDomain());
    }
}
