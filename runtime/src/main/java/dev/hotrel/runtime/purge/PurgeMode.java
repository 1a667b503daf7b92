package dev.hotrel.runtime.purge;

/** How to get rid of an application's old code (OTP's {@code code:soft_purge} and {@code code:purge}). */
public enum PurgeMode {
    /** Refuse, changing nothing, while any server still runs old code. The default everywhere. */
    SOFT,
    /** Restart every server that still runs old code on the current code, then purge. */
    BRUTAL;

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PurgeMode parse(String text) {
        for (PurgeMode m : values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("bad purge mode '" + text + "' (expected soft | brutal)");
    }
}
