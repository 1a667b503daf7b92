package dev.hotrel.runtime.server;

import java.util.concurrent.ScheduledFuture;

/**
 * A message a server set to send itself later ({@code Hotrel.sendAfter}) that has not fired yet.
 * Kept by its server, so that a code change can bring its payload over to the new version's
 * classes, and a server that stops for good cancels it.
 */
final class PendingTimer {

    volatile Object message;
    volatile ScheduledFuture<?> future;

    PendingTimer(Object message) {
        this.message = message;
    }
}
