package dev.hotrel.runtime.code;

import dev.hotrel.api.Server;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** The state type {@code S} a server callback declares by implementing {@code Server<S>}. */
public final class StateType {

    private StateType() {
    }

    /** Per callback class, found once (a code change asks for every server it moves). */
    private static final ClassValue<java.util.Optional<Class<?>>> DECLARED = new ClassValue<>() {
        @Override
        protected java.util.Optional<Class<?>> computeValue(Class<?> callback) {
            return java.util.Optional.ofNullable(find(callback));
        }
    };

    /** {@code S} of {@code Server<S>} when the callback names a class for it, else null. */
    public static Class<?> of(Class<?> callback) {
        return DECLARED.get(callback).orElse(null);
    }

    private static Class<?> find(Class<?> callback) {
        for (Class<?> c = callback; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Server.class) {
                    Type s = p.getActualTypeArguments()[0];
                    if (s instanceof Class<?> state) {
                        return state;
                    }
                    if (s instanceof ParameterizedType ps && ps.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether {@code callback} overrides the {@link Server} default of {@code method}. */
    public static boolean overrides(Class<?> callback, String method, Class<?>... parameters) {
        try {
            return callback.getMethod(method, parameters).getDeclaringClass() != Server.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
