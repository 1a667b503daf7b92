package dev.hotrel.config;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolved settings: explicit values (command-line flags) first, then {@code -Dhotrel.*} system
 * properties, then {@code HOTREL_*} environment variables, then the defaults of {@link ConfigKey}.
 * Immutable.
 */
public final class Config {

    private final Map<ConfigKey, String> explicit;
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private Config(Map<ConfigKey, String> explicit, Function<String, String> properties, Function<String, String> environment) {
        this.explicit = explicit.isEmpty() ? Map.of() : new EnumMap<>(explicit);
        this.properties = properties;
        this.environment = environment;
    }

    /** Settings from this JVM's system properties and environment, plus {@code explicit} on top. */
    public static Config of(Map<ConfigKey, String> explicit) {
        return new Config(explicit, System::getProperty, System::getenv);
    }

    /** For tests: settings from given properties and environment only. */
    public static Config of(Map<ConfigKey, String> explicit, Map<String, String> properties, Map<String, String> environment) {
        return new Config(explicit, properties::get, environment::get);
    }

    /** The value, or empty if unset and without default. */
    public Optional<String> get(ConfigKey key) {
        String v = explicit.get(key);
        if (v == null) {
            v = properties.apply(key.systemProperty());
        }
        if (v == null) {
            v = environment.apply(key.environmentVariable());
        }
        if (v == null) {
            v = key.defaultValue();
        }
        return Optional.ofNullable(v);
    }

    /**
     * @throws IllegalArgumentException if unset and without default, naming every way to set it
     */
    public String require(ConfigKey key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("setting '" + key.key() + "' is required: pass --"
                + key.key() + ", -D" + key.systemProperty() + " or " + key.environmentVariable()));
    }

    public long getLong(ConfigKey key) {
        String v = require(key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key.key() + "' must be a whole number, got '" + v + "'");
        }
    }

    public int getInt(ConfigKey key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("setting '" + key.key() + "' is out of range: " + v);
        }
        return (int) v;
    }

    public boolean getBoolean(ConfigKey key) {
        String v = require(key).trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("setting '" + key.key() + "' must be true or false, got '" + v + "'");
    }

    public Optional<Path> getPath(ConfigKey key) {
        return get(key).map(Path::of);
    }
}
