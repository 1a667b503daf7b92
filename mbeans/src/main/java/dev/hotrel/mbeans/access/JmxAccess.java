package dev.hotrel.mbeans.access;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;

/**
 * The {@link ManagementPolicy} for remote JMX: an {@link MBeanServerForwarder} in front of the
 * platform MBeanServer, so that a JConsole connected with an observer's credentials can read but not
 * install, and nobody can read the secret {@code java.lang} attributes, call diagnostic commands or
 * create MBeans. Reads of several attributes at once leave out the ones not allowed (JConsole asks
 * for many at a time); every other refusal is a {@link SecurityException} naming what was refused.
 * Local attach (same OS user) does not pass here; it needs no password, as the JDK has it.
 */
public final class JmxAccess implements InvocationHandler {

    /** Asking what is there, and listening: both roles. */
    private static final Set<String> LOOKS = Set.of("queryNames", "queryMBeans", "getMBeanInfo", "getObjectInstance",
            "isRegistered", "getMBeanCount", "getDefaultDomain", "getDomains", "isInstanceOf", "addNotificationListener",
            "removeNotificationListener");

    /** Not in {@code MBeanServerConnection}, so never a remote client's call: the connector's own. */
    private static final Set<String> CONNECTOR_OWN = Set.of("getClassLoaderRepository", "getClassLoader", "getClassLoaderFor");

    private MBeanServer target;

    private JmxAccess() {
    }

    /** A forwarder enforcing the policy; the connector server sets its target. */
    public static MBeanServerForwarder forwarder() {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new JmxAccess());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getMBeanServer") && args == null) {
            return target;
        }
        if (name.equals("setMBeanServer") && args != null && args.length == 1) {
            if (target != null) {
                throw new IllegalArgumentException("the MBeanServer is already set");
            }
            target = (MBeanServer) args[0];
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "JmxAccess forwarder to " + target;
            };
        }
        if (CONNECTOR_OWN.contains(name)) {
            return forward(method, args); // the connector's own use, for deserializing arguments: no client calls these
        }
        Role role = Caller.current().map(ManagementPrincipal::role).orElse(null);
        if (role == null) {
            // Every connection was authenticated; a call without a Subject is the connector's own (its
            // notification forwarder listens to the MBeanServer delegate): lookups and listeners only.
            check(LOOKS.contains(name), name + " without a management user");
            return forward(method, args);
        }
        switch (name) {
            case "getAttribute" -> check(ManagementPolicy.mayRead(role, (ObjectName) args[0], (String) args[1]),
                    "reading " + args[1] + " of " + args[0]);
            case "getAttributes" -> {
                ObjectName mbean = (ObjectName) args[0];
                args = new Object[] {mbean, Arrays.stream((String[]) args[1])
                        .filter(a -> ManagementPolicy.mayRead(role, mbean, a)).toArray(String[]::new)};
            }
            case "setAttribute" -> check(ManagementPolicy.mayWrite(role, (ObjectName) args[0], ((Attribute) args[1]).getName()),
                    "writing " + ((Attribute) args[1]).getName() + " of " + args[0]);
            case "setAttributes" -> {
                for (Attribute a : ((AttributeList) args[1]).asList()) {
                    check(ManagementPolicy.mayWrite(role, (ObjectName) args[0], a.getName()), "writing " + a.getName() + " of " + args[0]);
                }
            }
            case "invoke" -> check(ManagementPolicy.mayInvoke(role, (ObjectName) args[0], (String) args[1]),
                    "operation " + args[1] + " of " + args[0]);
            default -> check(LOOKS.contains(name), name);
        }
        return forward(method, args);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void check(boolean allowed, String what) {
        if (!allowed) {
            throw new SecurityException(what + " is not allowed by the node's access policy for this user");
        }
    }
}
