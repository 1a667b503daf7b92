package dev.hotrel.api;

import java.util.Map;
import java.util.Set;

/**
 * An application's entry point, named as {@code start} class in its {@code app.json}: Hotrel's
 * OTP application callback together with its top supervisor's {@code init/1}. It has a public
 * no-arg constructor.
 *
 * <p>Who calls what, and when:
 * <ul>
 *   <li>{@link #supervisor} describes the supervision tree. It must be free of side effects: the
 *       node calls it whenever it needs the tree of a version — when the application starts, and
 *       when a release check or install moves the application to this version (OTP's
 *       {@code supervisor:code_change}, which calls {@code init/1} again). The tree it returns on
 *       an install replaces the running one: strategies, intensities and child order take effect,
 *       new children start, children it no longer names stop.</li>
 *   <li>{@link #start} runs once per start of the application on this version, before its tree
 *       starts. Put side effects here. It is <em>not</em> called when an install moves a running
 *       application to this version (the application keeps running), nor by a check.</li>
 *   <li>{@link #stop} runs once after the application's servers stopped.</li>
 *   <li>{@link #configChange} runs after an install changed the configuration, once the
 *       application's servers run again.</li>
 * </ul>
 */
public interface Application {

    /**
     * The application's supervision tree for the given configuration: children in start order,
     * strategy and restart intensity per supervisor. Pure: no side effects, same answer for the
     * same context.
     */
    SupervisorSpec supervisor(ApplicationContext context);

    /**
     * Called once when the application starts on this version, before its supervision tree starts.
     * Throwing fails the start; nothing of the application runs then.
     */
    default void start(ApplicationContext context) {
    }

    /** Called after the application's servers have been stopped. */
    default void stop(ApplicationContext context) {
    }

    /**
     * Tells a running application that its configuration changed during a release switch, as OTP's
     * {@code config_change/3}. Called on the new version after the switch is committed and every
     * server runs again, so it may call its own servers with {@link Hotrel#call}; the new
     * configuration is already visible in {@link ApplicationContext#config()}. It runs once: a
     * throw is reported as a warning of the install, not undone.
     *
     * @param changed keys whose value changed, with the new value
     * @param added keys that are new, with their value
     * @param removed keys that are gone
     */
    default void configChange(Map<String, Object> changed, Map<String, Object> added, Set<String> removed) {
    }
}
