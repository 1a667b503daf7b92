package dev.hotrel.runtime.supervisor;

import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.Registry;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every supervisor of one application's tree shares.
 *
 * @param app the application's name
 * @param registry the node's registered names, where servers are registered
 * @param executor where exits are handled and servers run
 * @param timers for delayed restarts
 * @param currentCode the application's current version: servers always (re)start on it
 * @param events what the tree reports about its servers
 */
public record SupervisorScope(String app, Registry registry, Executor executor, ScheduledExecutorService timers,
                              Supplier<AppVersion> currentCode, ServerEvents events) {
}
