package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-application configuration of a release, {@code releases/VERSION/sys.json} (optional; OTP's
 * {@code sys.config}): an object whose keys are application names and whose values are objects of
 * configuration keys. The node hands an application its object as
 * {@link dev.hotrel.api.ApplicationContext#config()} and, on a release switch, reports the
 * differences to {@link dev.hotrel.api.Application#configChange}.
 *
 * <pre>{@code {"counter": {"step": 2, "name": "visits"}}}</pre>
 *
 * @param applications application name → its configuration as JDK values (maps, lists, strings,
 *                     numbers, booleans)
 */
public record SysConfig(@JsonValue Map<String, Map<String, Object>> applications) {

    public SysConfig {
        Names.required("", applications);
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        applications.forEach((app, config) -> {
            Names.application(app, app);
            copy.put(app, JsonValues.freezeObject(app, config));
        });
        applications = Collections.unmodifiableMap(copy);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SysConfig of(Map<String, Map<String, Object>> applications) {
        return new SysConfig(applications);
    }

    public static SysConfig empty() {
        return new SysConfig(Map.of());
    }

    /** The configuration of {@code app}, empty if it has none. */
    public Map<String, Object> forApplication(String app) {
        return applications.getOrDefault(app, Map.of());
    }
}
