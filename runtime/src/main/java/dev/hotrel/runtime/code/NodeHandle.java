package dev.hotrel.runtime.code;

/**
 * A node object that application code holds through a {@code dev.hotrel.api} interface: a deferred
 * reply's {@code ReplyTo}, a {@code TimerRef}, a {@code MonitorRef}. It is the same for every
 * version, as a JDK object is: it may cross applications, and a code change hands it to the new
 * version by reference, like a live channel ({@link ApiGate#isShared}, {@link LiveResources}).
 * Implementations must keep no application object reachable beyond what they exist for (a timer's
 * pending message), so that holding one pins no old loader.
 */
public interface NodeHandle {
}
