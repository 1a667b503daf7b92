package dev.hotrel.runtime.app;

import dev.hotrel.api.ApplicationContext;

import java.util.Map;

/**
 * What an application's start class is told about itself at one moment: its name, the version
 * asked, and the configuration then in force (unmodifiable).
 */
public record AppContext(String name, String version, Map<String, Object> config) implements ApplicationContext {

    public AppContext {
        config = Map.copyOf(config);
    }
}
