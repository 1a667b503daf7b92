package dev.hotrel.handler.exec;

import dev.hotrel.api.Application;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.runtime.code.AppVersion;

import java.util.Map;

/**
 * What an application becomes in the release being installed: its loaded (staged) version, start
 * class and configuration, and — made while staging, so not inside the pause — its start-class
 * instance and the supervisor spec that instance returns.
 *
 * @param application the new version's start-class instance
 * @param spec what {@code application.start} returned for the new configuration
 * (both null where a target was made by hand: they are then made during the switch)
 */
public record AppTarget(AppVersion version, String startClass, Map<String, Object> config, Application application,
                        SupervisorSpec spec) {

    public AppTarget {
        config = Map.copyOf(config);
    }

    public String app() {
        return version.app();
    }
}
