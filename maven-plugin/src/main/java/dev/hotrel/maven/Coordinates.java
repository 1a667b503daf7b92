package dev.hotrel.maven;

/**
 * Maven coordinates as the plugin's configuration writes them: {@code groupId:artifactId} or
 * {@code groupId:artifactId:version}.
 *
 * @param version null when not given
 */
record Coordinates(String groupId, String artifactId, String version) {

    /**
     * @param where the parameter, for the message
     * @throws IllegalArgumentException saying what was expected
     */
    static Coordinates parse(String text, String where) {
        String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(where + ": bad coordinates '" + text
                    + "' (expected groupId:artifactId or groupId:artifactId:version)");
        }
        return new Coordinates(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return version == null ? key() : key() + ":" + version;
    }
}
