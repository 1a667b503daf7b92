package dev.hotrel.release;

import dev.hotrel.runtime.purge.PurgeMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {

    private static <T> T read(String json, Class<T> type) {
        return Manifests.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), type, "m.json");
    }

    private static void refused(String json, Class<?> type, String field, String message) {
        ManifestException e = assertThrows(ManifestException.class, () -> read(json, type), json);
        assertEquals("m.json", e.file());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals("m.json: " + (field.isEmpty() ? "" : field + ": ") + message, e.getMessage());
    }

    private static String text(Object manifest) {
        return new String(Manifests.toJson(manifest), StandardCharsets.UTF_8);
    }

    // ---- release.json --------------------------------------------------------------------------

    @Test
    void readsAndWritesAReleaseCanonically() {
        String json = """
                {
                  "name": "demo",
                  "version": "1.1.0",
                  "runtime": "0.1.0",
                  "applications": [
                    {
                      "name": "counter",
                      "version": "1.1.0"
                    }
                  ],
                  "fingerprint": "sha256:%s"
                }
                """.formatted("ab".repeat(32));
        Release release = read(json, Release.class);
        assertEquals("demo-1.1.0", release.id());
        assertEquals("demo-1.1.0.tar.gz", release.archiveName());
        assertEquals(AppRef.of("counter", "1.1.0"), release.application("counter").orElseThrow());
        assertEquals(json, text(release));
        assertEquals(release, read(text(release), Release.class));
    }

    @Test
    void aReleaseWithoutFingerprintOmitsIt() {
        Release release = read("{'name':'demo','version':'1.0.0','runtime':'0.1.0',"
                + "'applications':[{'name':'counter','version':'1.0.0'}]}", Release.class);
        assertEquals(null, release.fingerprint());
        assertEquals(false, text(release).contains("fingerprint"));
    }

    @Test
    void readsAHealthGateWithItsDefaultsAndComparesRepliesAsJsonValues() {
        Release r = read("{'name':'demo','version':'1.0.0','runtime':'0.1.0','applications':[{'name':'a','version':'1.0.0'}],"
                + "'health':{'server':'h','request':{'ask':['x',1]},'healthy':{'ok':1}}}", Release.class);
        HealthGate g = r.healthGate().orElseThrow();
        assertEquals(java.util.Map.of("ask", java.util.List.of("x", 1)), g.request());
        assertEquals(1000L, g.intervalMillis());
        assertEquals(3, g.passes());
        assertEquals(60_000L, g.timeoutMillis());
        assertEquals(2000L, g.probeTimeoutMillis());
        assertEquals(false, g.makePermanent());
        assertEquals(true, g.isHealthy(java.util.Map.of("ok", 1L)));
        assertEquals(true, g.isHealthy(java.util.Map.of("ok", 1.0)));
        assertEquals(false, g.isHealthy(java.util.Map.of("ok", 2)));
        assertEquals(false, g.isHealthy("ok"));
        assertEquals(g, read(text(r), Release.class).health(), "written and read back the same");
    }

    @Test
    void refusesBrokenReleasesNamingTheField() {
        String apps = "'applications':[{'name':'counter','version':'1.0.0'}]";
        refused("{'name':'demo','version':'1.0.0'," + apps + "}", Release.class, "runtime", "missing");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','applications':[{'name':'a','version':'1.0.0'},"
                + "{'name':'b','version':'1.x'}]}", Release.class, "applications[1].version",
                "bad version '1.x' (expected " + Version.EXPECTED + ")");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','applications':[{'name':'a','version':'1.0.0'},"
                + "{'name':'a','version':'1.1.0'}]}", Release.class, "applications[1].name",
                "application 'a' is listed twice (also as applications[0])");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','applications':[]}", Release.class,
                "applications", "a release needs at least one application");
        refused("{'name':'de-1','version':'1.0.0','runtime':'0.1.0'," + apps + "}", Release.class, "name",
                "bad release name 'de-1' (expected at most 64 lower-case letters, digits, '_' and '-', starting with "
                        + "a letter, a letter after each '-', e.g. ledger-core)");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','applications':[{'name':'ledger--core',"
                + "'version':'1.0.0'}]}", Release.class, "applications[0].name",
                "bad application name 'ledger--core' (expected at most 64 lower-case letters, digits, '_' and '-', "
                        + "starting with a letter, a letter after each '-', e.g. ledger-core)");
        refused("{'name':'demo','version':1,'runtime':'0.1.0'," + apps + "}", Release.class, "version",
                "expected a version string (" + Version.EXPECTED + "), found a number");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','extra':1," + apps + "}", Release.class, "extra",
                "unknown field 'extra' (expected one of applications, fingerprint, health, name, runtime, version)");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0'," + apps + ",'health':{'server':'h','request':'?',"
                + "'healthy':'ok','passes':0}}", Release.class, "health.passes", "must be more than 0, got 0");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0'," + apps + ",'health':{'server':'h','healthy':'ok'}}",
                Release.class, "health.request", "missing");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0','fingerprint':'md5:x'," + apps + "}",
                Release.class, "fingerprint", "bad fingerprint 'md5:x' (expected sha256: and 64 lower-case hex digits)");
        refused("{'name':'demo','name':'demo2'}", Release.class, "",
                "invalid JSON at line 1, column 22: Duplicate field 'name'");
        refused("{'name':'demo',", Release.class, "",
                "invalid JSON at line 1, column 16: Unexpected end-of-input within/between Object entries");
        refused("", Release.class, "", "empty file (expected a JSON object)");
        refused("null", Release.class, "", "expected a JSON object, found null");
        refused("[]", Release.class, "", "expected an object, found an array");
        refused("{'name':'demo','version':'1.0.0','runtime':'0.1.0'," + apps + "} {}", Release.class, "",
                "unexpected content after the JSON object");
    }

    @Test
    void mavenArtifactIdsAreApplicationAndReleaseNamesSplitFromTheirVersionAtTheFirstDashBeforeADigit() {
        Release release = read("{'name':'ledger-release','version':'1.0.0','runtime':'0.1.0',"
                + "'applications':[{'name':'ledger-core','version':'2.0.0-rc.1'},{'name':'web_api','version':'1.0.0'}]}",
                Release.class);
        assertEquals("ledger-core", release.applications().get(0).name());
        assertEquals("ledger-core-2.0.0-rc.1", release.applications().get(0).dirName());
        assertEquals("ledger-core".length(), Names.splitAtVersion("ledger-core-2.0.0-rc.1"));
        assertEquals("ledger-release".length(), Names.splitAtVersion("ledger-release-1.0.0"));
        assertEquals(-1, Names.splitAtVersion("ledger-core"));
        for (String bad : new String[]{"Ledger", "ledger-", "-ledger", "ledger--core", "ledger-2fa", "ledger.core", ""}) {
            assertEquals(false, Names.isApplicationName(bad), bad);
        }
        assertEquals(false, Names.isApplicationName("a".repeat(65)));
        assertEquals(true, Names.isApplicationName("a".repeat(64)));
    }

    // ---- app.json -----------------------------------------------------------------------------

    @Test
    void readsAnApplicationWithDefaults() {
        AppSpec app = read("{'name':'counter','version':'1.0.0','start':'x.CounterApp','jars':['counter.jar']}",
                AppSpec.class);
        assertEquals(Map.of(), app.servers());
        assertEquals(List.of(), app.dependsOn());
        AppSpec full = read("{'name':'counter','version':'1.0.0','description':'Counts.','start':'x.CounterApp',"
                + "'servers':{'counter':'x.Counter','b':'x.B'},'dependsOn':['kv'],'jars':['a.jar','b.jar']}",
                AppSpec.class);
        assertEquals(List.of("counter", "b"), List.copyOf(full.servers().keySet()));
        assertEquals(full, read(text(full), AppSpec.class));
    }

    @Test
    void refusesBrokenApplicationsNamingTheField() {
        refused("{'name':'counter','version':'1.0.0','start':'x.A','servers':{'counter':1},'jars':['c.jar']}",
                AppSpec.class, "servers.counter", "expected a string, found 1");
        refused("{'name':'counter','version':'1.0.0','start':'x.A','jars':['../c.jar']}", AppSpec.class,
                "jars[0]", "bad jar name '../c.jar' (expected a plain file name ending in .jar, without a path)");
        refused("{'name':'counter','version':'1.0.0','start':'x.A','jars':[]}", AppSpec.class,
                "jars", "an application needs at least one jar");
        refused("{'name':'counter','version':'1.0.0','start':'x.A','dependsOn':['counter'],'jars':['c.jar']}",
                AppSpec.class, "dependsOn[0]", "application 'counter' depends on itself");
        refused("{'name':'counter','version':'1.0.0','jars':['c.jar']}", AppSpec.class, "start", "missing");
        refused("{'name':'counter','version':'1.0.0','start':'x.A','jars':'c.jar'}", AppSpec.class, "jars",
                "expected an array, found a string");
        refused("{'name':'counter','version':'1.0.0','start':'x..A','jars':['c.jar']}", AppSpec.class, "start",
                "bad class name 'x..A' (expected a binary class name such as com.example.Store)");
    }

    // ---- appup.json ---------------------------------------------------------------------------

    @Test
    void readsEveryInstructionAndWritesItBackTheSame() {
        String json = """
                {
                  "version": "1.1.0",
                  "upFrom": [
                    {
                      "version": "1.0.*",
                      "instructions": [
                        {
                          "update": "counter",
                          "purge": "brutal"
                        },
                        {
                          "update": "store",
                          "purge": "brutal",
                          "suspendTimeoutMillis": 10000,
                          "extra": {
                            "step": 1,
                            "names": [
                              "a",
                              null
                            ]
                          }
                        },
                        {
                          "restart": "cache"
                        },
                        {
                          "add": "reporter"
                        },
                        {
                          "remove": "legacy"
                        },
                        {
                          "addApplication": "metrics"
                        },
                        {
                          "removeApplication": "old_metrics"
                        },
                        {
                          "restartApplication": "kv"
                        },
                        {
                          "apply": {
                            "class": "x.Migrate",
                            "method": "run",
                            "args": [
                              "a",
                              "b"
                            ]
                          }
                        },
                        {
                          "restartNode": true
                        }
                      ]
                    }
                  ],
                  "downTo": []
                }
                """;
        Appup appup = read(json, Appup.class);
        List<Instruction> instructions = appup.upFrom().get(0).instructions();
        assertEquals(new Instruction.Update("counter", PurgeMode.BRUTAL, null, null), instructions.get(0));
        Instruction.Update store = (Instruction.Update) instructions.get(1);
        assertEquals(PurgeMode.BRUTAL, store.purge());
        assertEquals(10_000L, store.suspendTimeoutMillis());
        assertEquals(Map.of("step", 1, "names", java.util.Arrays.asList("a", null)), store.extra());
        assertEquals(new Instruction.Apply("x.Migrate", "run", List.of("a", "b")), instructions.get(8));
        assertEquals(new Instruction.RestartNode(), instructions.get(9));
        assertEquals(json, text(appup));
        assertEquals(appup.upFrom().get(0), appup.upgradeFrom(Version.parse("1.0.3")).orElseThrow());
        assertEquals(true, appup.upgradeFrom(Version.parse("0.9.0")).isEmpty());
    }

    @Test
    void anApplyMayNameItsUndoWhoseClassDefaultsToTheApplys() {
        Appup appup = read("{'version':'1.1.0','upFrom':[{'version':'1.0.*','instructions':["
                + "{'apply':{'class':'x.Migrate','method':'run','args':['a']},'undo':{'method':'unrun','args':['a']}},"
                + "{'apply':{'class':'x.Migrate','method':'run'},'undo':{'class':'x.Other','method':'back'}}]}]}", Appup.class);
        List<Instruction> instructions = appup.upFrom().get(0).instructions();
        Instruction.Apply first = (Instruction.Apply) instructions.get(0);
        assertEquals(new Instruction.Call("x.Migrate", "unrun", List.of("a")), first.undo());
        assertEquals("call x.Migrate.run(\"a\") (undone by x.Migrate.unrun(\"a\") on a rollback)", first.describe());
        assertEquals(new Instruction.Call("x.Other", "back", List.of()), ((Instruction.Apply) instructions.get(1)).undo());
        assertEquals("call x.Migrate.run() (no undo: a rollback leaves its effects)",
                new Instruction.Apply("x.Migrate", "run", List.of()).describe());
        Appup again = read(text(appup), Appup.class);
        assertEquals(appup, again, "written with the undo's class spelled out, read back the same");
        assertTrue(text(appup).contains("\"undo\": {"), text(appup));
    }

    @Test
    void refusesBrokenInstructionsNamingTheField() {
        String head = "{'version':'1.1.0','upFrom':[{'version':'1.0.*','instructions':[{'update':'a'},";
        String tail = "]}]}";
        refused(head + "{'upgrade':'a'}" + tail, Appup.class, "upFrom[0].instructions[1].upgrade",
                "unknown instruction 'upgrade' (expected one of update, restart, add, remove, addApplication, "
                        + "removeApplication, restartApplication, apply, restartNode)");
        refused(head + "{'update':'a','purge':'hard'}" + tail, Appup.class, "upFrom[0].instructions[1].purge",
                "bad purge mode 'hard' (expected soft | brutal)");
        refused(head + "{'update':'a','timeout':5}" + tail, Appup.class, "upFrom[0].instructions[1].timeout",
                "unknown option 'timeout' of 'update' (expected purge, suspendTimeoutMillis, extra)");
        refused(head + "{'update':'a','suspendTimeoutMillis':'5'}" + tail, Appup.class,
                "upFrom[0].instructions[1].suspendTimeoutMillis", "expected an integer, found the string \"5\"");
        refused(head + "{'update':'a','suspendTimeoutMillis':0}" + tail, Appup.class,
                "upFrom[0].instructions[1].suspendTimeoutMillis", "must be positive, found 0");
        refused(head + "{'restart':7}" + tail, Appup.class, "upFrom[0].instructions[1].restart",
                "expected a string, found 7");
        refused(head + "{'restart':'a','remove':'b'}" + tail, Appup.class, "upFrom[0].instructions[1].remove",
                "one instruction per object, but this one has both 'restart' and 'remove'");
        refused(head + "{'apply':{'class':'x.Y'}}" + tail, Appup.class, "upFrom[0].instructions[1].apply.method",
                "missing");
        refused(head + "{'apply':{'class':'x.Y','method':'m','args':[1]}}" + tail, Appup.class,
                "upFrom[0].instructions[1].apply.args[0]", "expected a string, found 1");
        refused(head + "{'apply':{'class':'x.Y','method':'m'},'undo':{'args':['a']}}" + tail, Appup.class,
                "upFrom[0].instructions[1].undo.method", "missing");
        refused(head + "{'apply':{'class':'x.Y','method':'m'},'undo':{'method':'u','when':'always'}}" + tail, Appup.class,
                "upFrom[0].instructions[1].undo.when", "unknown option 'when' of 'undo' (expected class, method, args)");
        refused(head + "{'apply':{'class':'x.Y','method':'m'},'undo':'u'}" + tail, Appup.class,
                "upFrom[0].instructions[1].undo", "expected {\"class\": ..., \"method\": ..., \"args\": [...]} "
                        + "(a JSON object), found the string \"u\"");
        refused(head + "{'restart':'a','undo':{'method':'u'}}" + tail, Appup.class,
                "upFrom[0].instructions[1].undo", "unknown option 'undo' of 'restart' (expected no options)");
        refused(head + "{'update':'b','purge':'brutal'}" + tail, Appup.class, "upFrom[0].instructions",
                "updates ask for different purge modes (a: soft, b: brutal), but an application's old code is purged "
                        + "as a whole: give every update one mode");
        refused(head + "{'restartNode':false}" + tail, Appup.class, "upFrom[0].instructions[1].restartNode",
                "expected true, found false");
        refused(head + "{'restartNode':true},{'update':'b'}" + tail, Appup.class, "upFrom[0].instructions[1]",
                "restartNode must be the last instruction: nothing runs after the node restarts");
        refused(head + "{}" + tail, Appup.class, "upFrom[0].instructions[1]",
                "empty instruction (expected one of update, restart, add, remove, addApplication, "
                        + "removeApplication, restartApplication, apply, restartNode)");
        refused(head + "'update'" + tail, Appup.class, "upFrom[0].instructions[1]",
                "expected an instruction (a JSON object), found the string \"update\"");
        refused("{'version':'1.1.0','upFrom':[{'version':'1.0','instructions':[]}]}", Appup.class,
                "upFrom[0].version", "bad version pattern '1.0' (expected a version such as 1.0.0, "
                        + "or a prefix such as 1.0.* or 1.* or *)");
        refused("{'version':'1.1.0','upFrom':[{'version':'1.0.0'}]}", Appup.class, "upFrom[0].instructions",
                "missing");
    }

    // ---- relup.json ---------------------------------------------------------------------------

    @Test
    void readsAndWritesARelup() {
        String fp = "sha256:" + "1f".repeat(32);
        Relup relup = new Relup(Version.parse("2.0.0"),
                List.of(new RelupPlan(Version.parse("1.0.0"), fp, List.of(
                        new RelupStep.RemoveApplication("legacy", Version.parse("0.9.0")),
                        new RelupStep.ChangeApplication("counter", Version.parse("1.0.0"), Version.parse("1.1.0"),
                                List.of(new Instruction.Update("counter", PurgeMode.SOFT, null, Map.of("step", 1)))),
                        new RelupStep.AddApplication("metrics", Version.parse("1.0.0"))))),
                List.of(new RelupPlan(Version.parse("1.0.0"), fp, List.of(
                        new RelupStep.RemoveApplication("metrics", Version.parse("1.0.0")),
                        new RelupStep.ChangeApplication("counter", Version.parse("1.1.0"), Version.parse("1.0.0"),
                                List.of(Instruction.Update.of("counter"))),
                        new RelupStep.AddApplication("legacy", Version.parse("0.9.0"))))));
        String json = text(relup);
        assertEquals(relup, read(json, Relup.class));
        assertEquals(true, json.contains("\"changeApplication\": \"counter\""), json);
        refused("{'version':'2.0.0','upFrom':[{'version':'1.0.0','fingerprint':'" + fp + "','steps':["
                + "{'changeApplication':'counter','from':'1.0.0','to':'1.1.0','instructions':[{'updat':'x'}]}]}]}",
                Relup.class, "upFrom[0].steps[0].instructions[0].updat",
                "unknown instruction 'updat' (expected one of update, restart, add, remove, addApplication, "
                        + "removeApplication, restartApplication, apply, restartNode)");
        refused("{'version':'2.0.0','upFrom':[{'version':'1.0.0','steps':[]}]}", Relup.class,
                "upFrom[0].fingerprint", "missing");
        refused("{'version':'2.0.0','upFrom':[{'version':'1.0.0','fingerprint':'" + fp + "','steps':["
                + "{'addApplication':'m','version':'1.0.0'},{'removeApplication':'m','version':'0.1.0'}]}]}",
                Relup.class, "upFrom[0].steps[1]", "application 'm' has two steps in one plan");
        refused("{'version':'2.0.0','downTo':[{'version':'1.0.0','fingerprint':'" + fp + "','steps':["
                + "{'addApplication':'m','version':'1.x'}]}]}",
                Relup.class, "downTo[0].steps[0].version", "bad version '1.x' (expected " + Version.EXPECTED + ")");
    }

    // ---- sys.json and RELEASES.json -----------------------------------------------------------

    @Test
    void readsSysConfigAsJdkValues() {
        SysConfig sys = read("{'counter':{'step':2,'names':['a'],'nested':{'on':true}}}", SysConfig.class);
        assertEquals(Map.of("step", 2, "names", List.of("a"), "nested", Map.of("on", true)),
                sys.forApplication("counter"));
        assertEquals(Map.of(), sys.forApplication("other"));
        assertEquals(sys, read(text(sys), SysConfig.class));
        refused("{'counter':3}", SysConfig.class, "counter", "expected an object, found a number");
    }

    @Test
    void releasesAreKeptNewestFirstWithOnePermanent() {
        String fp = "sha256:" + "0".repeat(64);
        ReleaseEntry one = new ReleaseEntry("demo", Version.parse("1.0.0"), Version.parse("0.1.0"),
                ReleaseStatus.PERMANENT, fp, List.of(AppRef.of("counter", "1.0.0")));
        ReleaseEntry two = new ReleaseEntry("demo", Version.parse("1.1.0"), Version.parse("0.1.0"),
                ReleaseStatus.CURRENT, fp, List.of(AppRef.of("counter", "1.1.0")));
        Releases releases = new Releases(List.of(one, two));
        assertEquals(List.of(two, one), releases.releases());
        assertEquals(two, releases.running().orElseThrow());
        assertEquals(ReleaseStatus.UNPACKED, releases.onDisk().find(two.version()).orElseThrow().status());
        assertEquals(releases.onDisk(), read(text(releases.onDisk()), Releases.class));
        ManifestException twice = assertThrows(ManifestException.class,
                () -> new Releases(List.of(one, two.withStatus(ReleaseStatus.PERMANENT))));
        assertEquals("releases: more than one release is permanent", twice.getMessage());
        assertThrows(IllegalStateException.class, () -> releases.with(one));
    }
}
