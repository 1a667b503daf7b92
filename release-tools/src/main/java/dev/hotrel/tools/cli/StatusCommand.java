package dev.hotrel.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show what a node runs: its releases, applications and servers.",
        description = {"Reads the node's release handler, applications and servers over Jolokia and prints them as "
                + "tables (or as JSON with --json, for scripts). A FAILED application (its supervisor gave up) is "
                + "listed with the reason; 'restart APP' brings it back.", ""})
final class StatusCommand extends RemoteCommand {

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    void run(RemoteNode node, PrintWriter out) throws Exception {
        Map<String, Object> handler = (Map<String, Object>) node.read(RemoteNode.HANDLER);
        Map<String, Map<String, Object>> apps = byName(node.readAll("hotrel:type=Application,*"));
        Map<String, Map<String, Object>> servers = servers(node, apps);
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("url", node.url());
            all.put("current", handler.get("CurrentVersion"));
            all.put("permanent", handler.get("PermanentVersion"));
            all.put("nextBoot", handler.get("NextBootVersion"));
            all.put("busy", handler.get("Busy"));
            all.put("lastOperation", handler.get("LastOperation"));
            all.put("releases", handler.get("Releases"));
            all.put("healthGate", handler.get("HealthGate"));
            all.put("applications", apps);
            all.put("servers", servers);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
            return;
        }
        out.println("node " + node.url() + ": runs " + handler.get("CurrentVersion") + ", boots " + boots(handler)
                + (Boolean.TRUE.equals(handler.get("Busy")) ? ", busy" : ", idle"));
        out.println("last operation: " + handler.get("LastOperation"));
        if (handler.get("HealthGate") instanceof Map<?, ?> gate && !"none".equals(gate.get("state"))) {
            out.println("health gate: " + gate.get("summary"));
        }
        out.println();
        Table releases = new Table("RELEASE", "NAME", "STATUS", "APPLICATIONS");
        for (Object o : (List<Object>) handler.get("Releases")) {
            Map<String, Object> r = (Map<String, Object>) o;
            releases.row(r.get("version"), r.get("name"), r.get("status"), String.join(", ", (List<String>) r.get("applications")));
        }
        releases.print(out);
        out.println();
        Table applications = new Table("APPLICATION", "VERSION", "OLD", "STATUS");
        apps.forEach((name, a) -> applications.row(name, a.get("Version"), dash(a.get("OldVersion")), a.get("Status")));
        applications.print(out);
        apps.forEach((name, a) -> {
            if ("FAILED".equals(a.get("Status"))) {
                out.println(name + " failed: " + a.get("Failure"));
            }
        });
        out.println();
        Table serverTable = new Table("SERVER", "VERSION", "STATUS", "QUEUE", "RESTARTS");
        servers.forEach((name, s) -> serverTable.row(name, s.get("Version"), s.get("Status"), s.get("QueueLength"), s.get("Restarts")));
        serverTable.print(out);
    }

    /**
     * Every server, as "app/name" → its Version, Status, QueueLength and Restarts: from the
     * applications' {@code Servers} rows, which list every server (an application over the node's
     * {@code serverMBeans} limit has no Server MBeans), taken out of the applications' attributes.
     * A node older than that attribute is read through its Server MBeans.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> servers(RemoteNode node, Map<String, Map<String, Object>> apps) {
        if (!apps.values().stream().allMatch(a -> a.containsKey("Servers"))) {
            return byName(node.readAll("hotrel:type=Server,*"));
        }
        Map<String, Map<String, Object>> servers = new TreeMap<>();
        apps.replaceAll((app, read) -> {
            Map<String, Object> attributes = new LinkedHashMap<>(read);
            for (Object o : (List<Object>) attributes.remove("Servers")) {
                Map<String, Object> row = (Map<String, Object>) o;
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("Version", row.get("version"));
                server.put("Status", row.get("status"));
                server.put("QueueLength", row.get("queueLength"));
                server.put("Restarts", row.get("restarts"));
                servers.put(app + "/" + row.get("name"), server);
            }
            return attributes;
        });
        return servers;
    }

    /** What the next start boots: the permanent release, or a release marked to boot once before it. */
    private static String boots(Map<String, Object> handler) {
        Object next = handler.get("NextBootVersion");
        Object permanent = handler.get("PermanentVersion");
        return next == null || next.equals(permanent) ? String.valueOf(permanent)
                : next + " next (once, as a trial; then " + permanent + ")";
    }

    /** {"hotrel:name=kv,type=Application": {...}} → {"kv": {...}}; servers as "app/name". */
    static Map<String, Map<String, Object>> byName(Map<String, Map<String, Object>> read) {
        Map<String, Map<String, Object>> named = new TreeMap<>();
        read.forEach((objectName, attrs) -> {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String kv : objectName.substring(objectName.indexOf(':') + 1).split(",")) {
                String[] p = kv.split("=", 2);
                keys.put(p[0], p[1]);
            }
            String name = keys.containsKey("app") ? keys.get("app") + "/" + keys.get("name") : keys.get("name");
            named.put(name, attrs);
        });
        return named;
    }

    private static Object dash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value;
    }

    /** Columns padded to their widest cell. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(Object... cells) {
            rows.add(java.util.Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        }

        void print(PrintWriter out) {
            int[] width = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
