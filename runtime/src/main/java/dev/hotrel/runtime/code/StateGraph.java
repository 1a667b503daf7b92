package dev.hotrel.runtime.code;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before a state (or a message) is written into the neutral tree, that the tree can carry
 * it faithfully, and names the field by its path in the application's terms when it cannot. The
 * tree is a tree: it has no identity, no cycles and no class names. So a state is refused when
 * <ul>
 *   <li>two fields hold one and the same object (the conversion would give each its own copy);</li>
 *   <li>an object holds itself, directly or not (a cycle: the conversion would never end);</li>
 *   <li>a field holds an application object of another class than the field declares (an
 *       {@code Object}, an interface, a supertype, {@code Map<String, Object>}): the conversion
 *       reads the declared type, and the object would come back as a map or as its supertype.</li>
 * </ul>
 * Live JDK resources (channels, executors) and JDK values are not looked into: they are handed
 * over by reference or rebuilt as values. Fields that are static or transient are not converted,
 * so not looked at either.
 */
final class StateGraph {

    private final Map<Object, String> seen = new IdentityHashMap<>();
    private final Map<Object, Boolean> onPath = new IdentityHashMap<>();
    /** Per class, read once: a code change of 10,000 servers checks 10,000 states of one class. */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> all = new ArrayList<>();
            for (Class<?> c = type; c != null && !ApiGate.isShared(c); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                        f.setAccessible(true);
                        all.add(f);
                    }
                }
            }
            return List.copyOf(all);
        }
    };

    private StateGraph() {
    }

    /** @throws IllegalArgumentException naming the field, if the tree cannot carry {@code root} faithfully */
    static void check(Object root) {
        new StateGraph().visit(root, "", null);
    }

    private void visit(Object value, String path, Type declared) {
        if (value == null) {
            return;
        }
        Class<?> type = value.getClass();
        boolean container = value instanceof Collection<?> || value instanceof Map<?, ?> || type.isArray();
        boolean application = !ApiGate.isShared(type);
        if (!container && !application || value instanceof Enum<?>) {
            return; // a JDK value, a live resource, or an enum constant (written by its name)
        }
        if (application && declared != null && raw(declared) != type) {
            throw new IllegalArgumentException(where(path) + " is declared as " + raw(declared).getName() + " but holds a "
                    + type.getName() + ": the conversion reads the declared type, so the object would come back as "
                    + (isAbstract(raw(declared)) ? "a map" : "a " + raw(declared).getSimpleName())
                    + "; declare the field with its class, or convert the state in codeChange");
        }
        if (onPath.containsKey(value)) {
            throw new IllegalArgumentException(where(path) + " holds an object that holds it (a cycle through "
                    + where(seen.getOrDefault(value, path)) + "): the neutral tree cannot carry cycles; break it (keep a key instead of the "
                    + "object), or convert the state in codeChange");
        }
        // A record is a value: two copies of one are indistinguishable, so it may be shared.
        String first = type.isRecord() ? null : seen.putIfAbsent(value, path);
        if (first != null) {
            throw new IllegalArgumentException(where(path) + " holds the same " + type.getName() + " as "
                    + where(first) + ": the conversion would give each its own copy; keep one (and a key to it in the "
                    + "other), or convert the state in codeChange");
        }
        onPath.put(value, Boolean.TRUE);
        seen.putIfAbsent(value, path);
        if (value instanceof Map<?, ?> map) {
            Type valueType = argument(declared, 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                visit(e.getValue(), join(path, String.valueOf(e.getKey())), valueType);
            }
        } else if (value instanceof Collection<?> collection) {
            Type elementType = argument(declared, 0);
            int i = 0;
            for (Object element : collection) {
                visit(element, path + "[" + i++ + "]", elementType);
            }
        } else if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                Object[] array = (Object[]) value;
                for (int i = 0; i < array.length; i++) {
                    visit(array[i], path + "[" + i + "]", type.getComponentType());
                }
            }
        } else {
            for (Field f : fieldsOf(type)) {
                visit(read(f, value), join(path, f.getName()), f.getGenericType());
            }
        }
        onPath.remove(value);
    }

    private static List<Field> fieldsOf(Class<?> type) {
        return FIELDS.get(type);
    }

    private static Object read(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read field " + f + ": " + e, e);
        }
    }

    /** The declared type's argument {@code index} ({@code V} of {@code Map<K, V>}), or null when unknown. */
    private static Type argument(Type declared, int index) {
        if (declared instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return declared == null ? null : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class; // a type variable or wildcard: only its bound is known
    }

    private static boolean isAbstract(Class<?> type) {
        return type == Object.class || type.isInterface() || Modifier.isAbstract(type.getModifiers());
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the state" : "field '" + path + "'";
    }
}
