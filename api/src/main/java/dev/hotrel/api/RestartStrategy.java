package dev.hotrel.api;

/** What a supervisor restarts when one child dies (OTP's supervisor strategies). */
public enum RestartStrategy {
    /** Only the child that died. */
    ONE_FOR_ONE,
    /** Every child: the others are stopped in reverse start order, then all start again in order. */
    ONE_FOR_ALL,
    /** The child that died and every child started after it. */
    REST_FOR_ONE
}
