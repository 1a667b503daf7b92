package dev.hotrel.handler.exec;

import dev.hotrel.runtime.code.AppVersion;

import java.util.Map;

/**
 * What an application becomes in the release being installed: its loaded (staged) version, start
 * class and configuration.
 */
public record AppTarget(AppVersion version, String startClass, Map<String, Object> config) {

    public AppTarget {
        config = Map.copyOf(config);
    }

    public String app() {
        return version.app();
    }
}
