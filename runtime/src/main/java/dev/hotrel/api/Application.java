package dev.hotrel.api;

import java.util.Map;
import java.util.Set;

/**
 * An application's entry point, named as {@code start} class in its {@code app.json}: Hotrel's
 * OTP application callback. It has a public no-arg constructor.
 */
public interface Application {

    /**
     * Starts the application: returns the supervisor spec whose children the runtime then starts
     * in order. Keep it quick and free of side effects the runtime cannot undo: a failed start
     * stops the children already started.
     */
    SupervisorSpec start(ApplicationContext context);

    /** Called after the application's servers have been stopped. */
    default void stop(ApplicationContext context) {
    }

    /**
     * Tells a running application that its configuration changed during a release switch, as OTP's
     * {@code config_change/3}. Called after the servers moved, with the new configuration already
     * visible in {@link ApplicationContext#config()}.
     *
     * @param changed keys whose value changed, with the new value
     * @param added keys that are new, with their value
     * @param removed keys that are gone
     */
    default void configChange(Map<String, Object> changed, Map<String, Object> added, Set<String> removed) {
    }
}
