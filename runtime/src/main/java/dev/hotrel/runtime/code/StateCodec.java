package dev.hotrel.runtime.code;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;

/**
 * The Jackson mapper of one application version, which writes that version's state objects into
 * a neutral token stream and reads streams into its classes.
 *
 * <p>One mapper per version, with its own type cache, dropped with the version: Jackson's default
 * {@code TypeFactory} is a JVM-wide singleton whose cache keeps application classes, and with it
 * their loader, alive forever. State is read from fields (and record components), so state
 * classes need no getters or annotations.
 */
final class StateCodec {

    private final ObjectMapper mapper;

    StateCodec(ClassLoader loader) {
        this.mapper = JsonMapper.builder()
                .typeFactory(TypeFactory.defaultInstance()
                        .withCache(new LRUMap<Object, JavaType>(16, 200))
                        .withClassLoader(loader))
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(LiveResources.module())
                .build();
    }

    /** Writes {@code state} (which must be of this codec's version or the JDK) to a token stream. */
    TokenBuffer write(Object state) {
        try {
            StateGraph.check(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot convert the state " + describe(state) + ": " + e.getMessage(), e);
        }
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            mapper.writeValue(buffer, state);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the state " + describe(state) + ": " + explain(e), e);
        }
        return buffer;
    }

    /**
     * Renders a state as indented JSON for people (management's {@code getState}): live objects
     * appear as {@code "<live TYPE: toString>"}.
     */
    String toJson(Object state) {
        try {
            return mapper.writer().withAttribute(LiveResources.AS_TEXT, Boolean.TRUE)
                    .withDefaultPrettyPrinter().writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot render the state " + describe(state) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a token stream (from any version's codec) into {@code type}. */
    <T> T read(TokenBuffer buffer, Class<T> type) {
        try {
            return mapper.readValue(buffer.asParser(mapper), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot convert the old state into " + type.getName() + ": " + explain(e), e);
        }
    }

    /** Converts any value (a neutral tree, say) into {@code type}. */
    <T> T convert(Object value, Class<T> type) {
        return read(write(value), type);
    }

    /**
     * Builds and caches the serializer and deserializer of {@code type}, so that the first real
     * migration does not pay for it (tens of milliseconds on a cold mapper).
     */
    void warm(Class<?> type) {
        mapper.writerFor(type);
        mapper.readerFor(type);
        mapper.readerFor(Object.class); // OldState.tree()
    }

    /**
     * A mapping failure in the application's terms: the field by its path in the state and what
     * was wrong, without Jackson's internals (byte offsets, reference chains).
     */
    static String explain(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            String what = m.getOriginalMessage();
            int cut = what.indexOf("\n");
            what = cut < 0 ? what : what.substring(0, cut);
            return (path.length() == 0 ? "" : "field '" + path + "': ") + what;
        }
        return e.getMessage();
    }

    private static String describe(Object state) {
        return state == null ? "null" : "of type " + state.getClass().getName();
    }
}
