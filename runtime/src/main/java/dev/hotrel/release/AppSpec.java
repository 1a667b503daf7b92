package dev.hotrel.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An application version's descriptor, {@code lib/APP-VSN/app.json}: OTP's {@code .app} file.
 *
 * <pre>{@code
 * {
 *   "name": "counter",
 *   "version": "1.1.0",
 *   "description": "Counts.",
 *   "start": "dev.hotrel.examples.counter.CounterApp",
 *   "servers": { "counter": "dev.hotrel.examples.counter.Counter" },
 *   "dependsOn": [],
 *   "jars": ["counter-1.1.0.jar"]
 * }
 * }</pre>
 *
 * @param name the application name; must agree with the folder {@code lib/NAME-VERSION}
 * @param version the application version; must agree with the folder
 * @param description optional, free text for people
 * @param start the binary name of the {@link dev.hotrel.api.Application} class
 * @param servers optional, default empty: servers the application's supervisor starts, registered
 *                name → binary name of the {@link dev.hotrel.api.Server} callback class (OTP's
 *                {@code registered}). A packing aid only: where given, {@code hotrel pack} checks
 *                appup instructions against these names and compares these callbacks' bytecode
 *                between versions. The node ignores it: what moves in an install is what runs in
 *                the application's supervision tree.
 * @param dependsOn the applications this one needs started first (OTP's {@code applications});
 *                  optional, default empty
 * @param jars the application's jars, plain file names in its folder, in class path order; at
 *             least one
 */
@JsonPropertyOrder({"name", "version", "description", "start", "servers", "dependsOn", "jars"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppSpec(String name, Version version, String description, String start,
                      Map<String, String> servers, List<String> dependsOn, List<String> jars) {

    public AppSpec {
        Names.application("name", name);
        Names.required("version", version);
        Names.className("start", start);
        servers = servers == null ? Map.of() : servers;
        Map<String, String> copy = new LinkedHashMap<>();
        servers.forEach((server, callback) -> {
            Names.server("servers", server);
            copy.put(server, Names.className("servers." + server, callback));
        });
        servers = Collections.unmodifiableMap(copy);
        dependsOn = dependsOn == null ? List.of() : dependsOn;
        Set<String> deps = new HashSet<>();
        for (int i = 0; i < dependsOn.size(); i++) {
            String dep = Names.application("dependsOn[" + i + "]", dependsOn.get(i));
            if (dep.equals(name)) {
                throw ManifestException.field("dependsOn[" + i + "]", "application '" + name + "' depends on itself");
            }
            if (!deps.add(dep)) {
                throw ManifestException.field("dependsOn[" + i + "]", "'" + dep + "' is listed twice");
            }
        }
        dependsOn = List.copyOf(dependsOn);
        Names.required("jars", jars);
        if (jars.isEmpty()) {
            throw ManifestException.field("jars", "an application needs at least one jar");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < jars.size(); i++) {
            if (!seen.add(Names.jar("jars[" + i + "]", jars.get(i)))) {
                throw ManifestException.field("jars[" + i + "]", "'" + jars.get(i) + "' is listed twice");
            }
        }
        jars = List.copyOf(jars);
    }

    /** The name and version, as a release names them. */
    public AppRef ref() {
        return new AppRef(name, version);
    }

    @Override
    public String toString() {
        return ref().toString();
    }
}
