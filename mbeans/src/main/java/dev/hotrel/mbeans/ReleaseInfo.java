package dev.hotrel.mbeans;

import java.beans.ConstructorProperties;

/** One release as management shows it (a row of {@code Releases}). */
public final class ReleaseInfo {

    private final String version;
    private final String name;
    private final String status;
    private final String[] applications;

    @ConstructorProperties({"version", "name", "status", "applications"})
    public ReleaseInfo(String version, String name, String status, String[] applications) {
        this.version = version;
        this.name = name;
        this.status = status;
        this.applications = applications.clone();
    }

    public String getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    /** unpacked, current, permanent or old. */
    public String getStatus() {
        return status;
    }

    /** {@code app@version} of each application. */
    public String[] getApplications() {
        return applications.clone();
    }
}
