package dev.hotrel.runtime.code;

import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.hotrel.api.OldState;

/**
 * The {@link OldState} a new version's {@code codeChange} receives: the old state written once by
 * the old version's codec, read as often as needed by the new version's codec. The old state
 * object itself is never modified.
 */
final class Migration implements OldState {

    private final AppVersion from;
    private final AppVersion to;
    private final Object state;
    private final Class<?> declared;
    private TokenBuffer written;

    Migration(AppVersion from, AppVersion to, Object state, Class<?> declared) {
        this.from = from;
        this.to = to;
        this.state = state;
        this.declared = declared;
    }

    @Override
    public String version() {
        return from.version();
    }

    @Override
    public String className() {
        return state == null ? null : state.getClass().getName();
    }

    @Override
    public Object jdkValue() {
        return state != null && ApiGate.isShared(state.getClass()) ? state : null;
    }

    @Override
    public Object tree() {
        if (scalar(state)) {
            return state;
        }
        return state == null ? null : to.codec().read(written(), Object.class);
    }

    @Override
    public <T> T as(Class<T> type) {
        if (state == null) {
            return null;
        }
        if (scalar(state) && type.isInstance(state)) {
            return type.cast(state);
        }
        return to.codec().read(written(), type);
    }

    /**
     * An immutable JDK value that is its own tree: the codec would write it and read back an equal
     * object of the same class, so it is handed over as it is, without the codec (a count, a
     * name, a flag: a whole Jackson round trip inside the pause for nothing).
     */
    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean;
    }

    @Override
    public <T> T convert(Object tree, Class<T> type) {
        return to.codec().convert(tree, type);
    }

    @Override
    public Object asSameClass() {
        if (state == null) {
            return null;
        }
        if (ApiGate.isShared(state.getClass())) {
            // A neutral tree (a downgrade's, or a state kept in JDK maps) goes into the declared state type.
            boolean tree = state instanceof java.util.Map<?, ?> || state instanceof java.util.Collection<?>;
            if (tree && declared != null && !declared.isInstance(state) && !ApiGate.isShared(declared)) {
                return as(declared);
            }
            return state;
        }
        Class<?> type;
        try {
            type = Class.forName(state.getClass().getName(), false, to.loader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(to.id() + " has no class " + state.getClass().getName()
                    + " to keep the state of " + from.id() + " in; override codeChange to convert it", e);
        }
        return as(type);
    }

    private TokenBuffer written() {
        if (written == null) {
            written = from.codec().write(state);
        }
        return written;
    }
}
