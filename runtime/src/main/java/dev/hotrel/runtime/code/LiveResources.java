package dev.hotrel.runtime.code;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Which JDK objects in a server's state are handed to the new version by reference, and the
 * Jackson module that does it.
 *
 * <p>Every JDK object that is not a plain value Jackson writes natively (strings, numbers,
 * booleans, characters, enums) nor a container it walks (collections, maps, arrays) is <em>live</em>:
 * an open channel, a socket, an executor, a thread, an {@code AtomicLong}, a {@code Path}, a
 * {@code java.time} value. Such an object is identical in both versions (JDK classes are shared), so
 * it is written into the token stream as an embedded object and read back as the very same object:
 * never closed, never copied. Containers are walked because they may hold the application's own
 * types, which must be rebuilt in the new version's classes.
 */
final class LiveResources {

    private LiveResources() {
    }

    static boolean isLive(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.isEnum() || !ApiGate.isShared(type)) {
            return false;
        }
        if (type == Object.class || CharSequence.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return false;
        }
        return !(type == Boolean.class || type == Character.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == Double.class || type == Float.class
                || type == BigInteger.class || type == BigDecimal.class || type == Number.class);
    }

    static SimpleModule module() {
        return new SimpleModule("hotrel-live-resources") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new LiveSerializers());
                context.addDeserializers(new LiveDeserializers());
            }
        };
    }

    private static final class LiveSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            return isLive(type.getRawClass()) ? ByReference.INSTANCE : null;
        }
    }

    private static final class LiveDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
            return isLive(type.getRawClass()) ? new Embedded(type.getRawClass()) : null;
        }
    }

    /** The writer attribute that asks for live objects as text (JSON for people), not by reference. */
    static final String AS_TEXT = "hotrel.liveAsText";

    /** Writes the object itself into the token stream, or a description of it into JSON text. */
    private static final class ByReference extends JsonSerializer<Object> {
        static final ByReference INSTANCE = new ByReference();

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Boolean.TRUE.equals(serializers.getAttribute(AS_TEXT))) {
                gen.writeString("<live " + value.getClass().getName() + ": " + value + ">");
            } else {
                gen.writeEmbeddedObject(value);
            }
        }
    }

    /** Reads back the object written by {@link ByReference}, checking its type. */
    private static final class Embedded extends JsonDeserializer<Object> {
        private final Class<?> type;

        Embedded(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            Object value = p.getEmbeddedObject();
            if (value != null && !type.isInstance(value)) {
                return ctxt.reportInputMismatch(type, "live %s cannot become a %s",
                        value.getClass().getName(), type.getName());
            }
            return value;
        }
    }
}
