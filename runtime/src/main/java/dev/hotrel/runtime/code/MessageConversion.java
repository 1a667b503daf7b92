package dev.hotrel.runtime.code;

import dev.hotrel.api.ChannelReady;
import dev.hotrel.api.ChannelWritable;

/**
 * Messages in flight across a code change: a cast, an info, a call's request, a timer's payload or
 * a watch's tag of an application's own type, made by one version of the application and handled
 * by another. It reaches the handling version converted into its class of the same name, by field
 * names, exactly as state is (live JDK resources by reference). Only the message itself is
 * converted: an application type inside a JDK collection is not looked for (send JDK values there).
 *
 * <p>A message made by a version already purged is still converted (read by a codec made for the
 * occasion), so a timer set by old code long ago does not fail when it fires.
 */
public final class MessageConversion {

    private MessageConversion() {
    }

    /** Whether {@code message} is of another version of {@code to}'s application and must be converted for it. */
    public static boolean needed(Object message, AppVersion to) {
        if (message instanceof ChannelReady ready) {
            return needed(ready.tag(), to);
        }
        if (message instanceof ChannelWritable writable) {
            return needed(writable.tag(), to);
        }
        return message != null && message.getClass().getClassLoader() instanceof AppLoader from
                && from.app().equals(to.app()) && from != to.loaderOrNull();
    }

    /**
     * {@code message} as {@code to}'s classes have it; the message itself when no conversion is needed.
     *
     * @throws IllegalArgumentException naming the type, if {@code to} has no class of that name or a
     *         field cannot be converted
     */
    public static Object convert(Object message, AppVersion to) {
        if (!needed(message, to)) {
            return message;
        }
        if (message instanceof ChannelReady ready) {
            return new ChannelReady(ready.channel(), convert(ready.tag(), to));
        }
        if (message instanceof ChannelWritable writable) {
            return new ChannelWritable(writable.channel(), convert(writable.tag(), to));
        }
        AppLoader from = (AppLoader) message.getClass().getClassLoader();
        String type = message.getClass().getName();
        Class<?> target;
        try {
            target = Class.forName(type, false, to.loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("a message of type " + type + " from " + from.getName()
                    + " cannot reach " + to.id() + ": it has no class of that name", e);
        }
        StateCodec writer = from.codec() != null ? from.codec() : new StateCodec(from);
        try {
            return to.codec().read(writer.write(message), target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a message of type " + type + " from " + from.getName()
                    + " cannot reach " + to.id() + ": " + e.getMessage(), e);
        }
    }
}
