package dev.hotrel.api;

/** Whether a child is restarted when it stops (OTP's child restart types). */
public enum RestartType {
    /** Always restarted. */
    PERMANENT,
    /** Restarted only when it crashed, not when it stopped with reason {@code "normal"}. */
    TRANSIENT,
    /** Never restarted. */
    TEMPORARY
}
