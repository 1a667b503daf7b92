package dev.hotrel.runtime.server;

import dev.hotrel.api.Server;
import dev.hotrel.runtime.code.AppVersion;

/**
 * The code a server runs now: a callback instance of one application version.
 *
 * @param version the application version the callback's class comes from
 * @param callbackClass the callback's class name
 * @param callback the callback instance
 */
public record Incarnation(AppVersion version, String callbackClass, Server<Object> callback) {
}
