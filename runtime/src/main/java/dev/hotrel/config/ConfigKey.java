package dev.hotrel.config;

import java.util.Locale;

/**
 * Every setting of a Hotrel node, in one place: its name, default and type. The system property
 * and environment variable names are derived from the name ({@code suspendTimeout} →
 * {@code -Dhotrel.suspendTimeout}, {@code HOTREL_SUSPEND_TIMEOUT}).
 *
 * <p>Lookup order, first match wins (see {@link Config}): a value given explicitly (a command-line
 * flag), the system property, the environment variable, the default here.
 */
public enum ConfigKey {

    /** The release root the node boots from. */
    ROOT("root", null, Type.PATH),
    /** Where the Jolokia agent listens, {@code HOST:PORT}; port 0 picks a free one. */
    JOLOKIA("jolokia", "127.0.0.1:8778", Type.STRING),
    /** Whether the node starts the Jolokia agent at all. */
    JOLOKIA_ENABLED("jolokiaEnabled", "true", Type.BOOLEAN),
    /**
     * Whether Jolokia and the JMX connector require credentials (loopback included). Off only by an
     * explicit opt-out ({@code --no-auth}), which the node logs as a warning, and never beyond loopback.
     */
    MANAGEMENT_AUTH("managementAuth", "true", Type.BOOLEAN),
    /**
     * The management users file ({@code USER:ROLE:HASH} lines, see {@code ManagementUsers}); default
     * {@code ROOT/conf/jolokia.users}, generated at the first start. Given explicitly, it counts as
     * credentials configured for a bind beyond loopback.
     */
    JOLOKIA_USERS("jolokiaUsers", null, Type.PATH),
    /** One Jolokia user (a deployer) instead of the users file; counts as explicit credentials. */
    JOLOKIA_USER("jolokiaUser", null, Type.STRING),
    /** A file holding the password of {@link #JOLOKIA_USER} (first line). */
    JOLOKIA_PASSWORD_FILE("jolokiaPasswordFile", null, Type.PATH),
    /** A PKCS12 keystore: when set, Jolokia serves HTTPS. */
    JOLOKIA_KEYSTORE("jolokiaKeystore", null, Type.PATH),
    /** A file holding the keystore password (first line). */
    JOLOKIA_KEYSTORE_PASSWORD_FILE("jolokiaKeystorePasswordFile", null, Type.PATH),
    /** Port of the JMX RMI connector for remote JConsole; 0 keeps it off (local attach always works). */
    JMX_PORT("jmxPort", "0", Type.INT),
    /** The JMX password file ({@code user password} lines); required with a JMX port beyond loopback. */
    JMX_PASSWORD_FILE("jmxPasswordFile", null, Type.PATH),
    /** Whether the JMX connector uses TLS (the JVM's default keystore settings). */
    JMX_SSL("jmxSsl", "false", Type.BOOLEAN),
    /** How long a server may take to finish its current message when suspended, in milliseconds. */
    SUSPEND_TIMEOUT("suspendTimeout", "5000", Type.LONG),
    /** How long an appup's {@code apply} (or its undo) may run before the install gives up and rolls back, in milliseconds. */
    APPLY_TIMEOUT("applyTimeout", "30000", Type.LONG),
    /**
     * Whether the node practises an install after it boots: a private release, upgraded and
     * downgraded on a private node in a temporary folder (removed after), in the background, so
     * that the first real install runs code already loaded, linked and warmed (issue 11: a fresh
     * JVM's first install cost some ten times a later one).
     */
    PRACTICE("practice", "true", Type.BOOLEAN),
    /** How long the node waits for a purged loader to be collected before reporting it, in milliseconds. */
    LEAK_CHECK_TIMEOUT("leakCheckTimeout", "5000", Type.LONG),
    /** The largest single file an archive may hold, in bytes (decompression bombs). */
    MAX_ENTRY_SIZE("maxEntrySize", String.valueOf(512L << 20), Type.LONG),
    /** The largest archive that may be uploaded into the inbox, in bytes. */
    MAX_UPLOAD_SIZE("maxUploadSize", String.valueOf(1L << 30), Type.LONG),
    /**
     * The most servers an application may run and still have one MBean per server
     * ({@code hotrel:type=Server,app=APP,name=SERVER}); an application with more has none, and its
     * servers are shown and handled through its Application MBean only. 0: no Server MBeans at all.
     */
    SERVER_MBEANS("serverMBeans", "100", Type.LONG);

    /** How a value is read. */
    public enum Type { STRING, INT, LONG, BOOLEAN, PATH }

    private final String key;
    private final String defaultValue;
    private final Type type;

    ConfigKey(String key, String defaultValue, Type type) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.type = type;
    }

    /** The name, as in {@code --name} flags and JSON. */
    public String key() {
        return key;
    }

    /** The default, or null when the setting is off or required. */
    public String defaultValue() {
        return defaultValue;
    }

    public Type type() {
        return type;
    }

    /** {@code hotrel.suspendTimeout}. */
    public String systemProperty() {
        return "hotrel." + key;
    }

    /** {@code HOTREL_SUSPEND_TIMEOUT}. */
    public String environmentVariable() {
        return "HOTREL_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
