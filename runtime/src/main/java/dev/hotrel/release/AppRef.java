package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An application version named by a release: {@code {"name": "counter", "version": "1.0.0"}}.
 */
@JsonPropertyOrder({"name", "version"})
public record AppRef(String name, Version version) {

    public AppRef {
        Names.application("name", name);
        Names.required("version", version);
    }

    public static AppRef of(String name, String version) {
        return new AppRef(name, Version.parse(version));
    }

    /** The application's folder name in an archive and a release root: {@code counter-1.0.0}. */
    public String dirName() {
        return name + "-" + version;
    }

    /** {@code counter@1.0.0}, the name of the application version's classloader. */
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
