package dev.hotrel.tools.plan;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Appup;
import dev.hotrel.release.AppupEntry;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.release.VersionPattern;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.archive.AppFolder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Golden plans: the exact steps of an upgrade and of its downgrade. Pure: no files, no classes. */
class RelupGeneratorTest {

    private static final String FP_OLD = "sha256:" + "a".repeat(64);
    private static final String FP_NEW = "sha256:" + "b".repeat(64);

    private static AppFolder app(String name, String version, List<String> deps, Map<String, String> servers,
                                 Appup appup) {
        AppSpec spec = new AppSpec(name, Version.parse(version), null, "x." + name + ".App", servers, deps,
                List.of(name + ".jar"));
        return new AppFolder(Path.of("/nowhere", name + "-" + version), spec, appup);
    }

    private static AppFolder app(String name, String version, String... deps) {
        return app(name, version, List.of(deps), Map.of(), null);
    }

    private static ReleaseContent release(String version, String fingerprint, AppFolder... apps) {
        List<AppRef> refs = java.util.Arrays.stream(apps).map(AppFolder::ref).toList();
        return new ReleaseContent(new Release("shop", Version.parse(version), Version.parse("0.1.0"), refs, fingerprint),
                List.of(apps), fingerprint);
    }

    private static Appup appup(String version, String up, List<Instruction> upInstructions, String down,
                               List<Instruction> downInstructions) {
        return new Appup(Version.parse(version),
                List.of(new AppupEntry(VersionPattern.parse(up), upInstructions)),
                List.of(new AppupEntry(VersionPattern.parse(down), downInstructions)));
    }

    private static final Instruction.Update UPDATE_STORE =
            new Instruction.Update("store", PurgeMode.BRUTAL, 2_000L, Map.of("rehash", true));

    /**
     * 1.0.0: kv 1.0.0, legacy 0.9.0 (needs kv), web 1.0.0 (needs kv), counter 1.0.0.
     * 2.0.0: web 1.1.0 (needs kv, metrics), metrics 1.0.0 (needs kv), kv 1.1.0, counter 1.0.0.
     */
    private static ReleaseContent oldRelease() {
        return release("1.0.0", FP_OLD, app("kv", "1.0.0", List.of(), Map.of("store", "x.kv.Store"), null), app("legacy", "0.9.0", "kv"), app("web", "1.0.0", "kv"),
                app("counter", "1.0.0"));
    }

    private static ReleaseContent newRelease() {
        return release("2.0.0", FP_NEW,
                app("web", "1.1.0", List.of("kv", "metrics"), Map.of(), appup("1.1.0", "1.0.*",
                        List.of(new Instruction.RestartApplication("web")), "1.0.*", List.of(new Instruction.RestartApplication("web")))),
                app("metrics", "1.0.0", "kv"),
                app("kv", "1.1.0", List.of(), Map.of("store", "x.kv.Store"), appup("1.1.0", "1.0.*",
                        List.of(UPDATE_STORE), "1.0.*", List.of(Instruction.Update.of("store")))),
                app("counter", "1.0.0"));
    }

    @Test
    void upgradeRemovesFirstThenChangesAndAddsInDependencyOrder() throws Exception {
        Relup relup = RelupGenerator.generate(newRelease(), List.of(oldRelease()));
        assertEquals(new RelupPlan(Version.parse("1.0.0"), FP_OLD, List.of(
                new RelupStep.RemoveApplication("legacy", Version.parse("0.9.0")),
                new RelupStep.ChangeApplication("kv", Version.parse("1.0.0"), Version.parse("1.1.0"), List.of(UPDATE_STORE)),
                new RelupStep.AddApplication("metrics", Version.parse("1.0.0")),
                new RelupStep.ChangeApplication("web", Version.parse("1.0.0"), Version.parse("1.1.0"),
                        List.of(new Instruction.RestartApplication("web"))))),
                relup.upgradeFrom(Version.parse("1.0.0")).orElseThrow());
    }

    @Test
    void downgradeUndoesItWithTheNewerVersionsDownToInstructions() throws Exception {
        Relup relup = RelupGenerator.generate(newRelease(), List.of(oldRelease()));
        assertEquals(new RelupPlan(Version.parse("1.0.0"), FP_OLD, List.of(
                new RelupStep.RemoveApplication("metrics", Version.parse("1.0.0")),
                new RelupStep.ChangeApplication("kv", Version.parse("1.1.0"), Version.parse("1.0.0"),
                        List.of(Instruction.Update.of("store"))),
                new RelupStep.AddApplication("legacy", Version.parse("0.9.0")),
                new RelupStep.ChangeApplication("web", Version.parse("1.1.0"), Version.parse("1.0.0"),
                        List.of(new Instruction.RestartApplication("web"))))),
                relup.downgradeTo(Version.parse("1.0.0")).orElseThrow());
    }

    @Test
    void theGoldenRelupJson() throws Exception {
        Relup relup = RelupGenerator.generate(newRelease(), List.of(oldRelease()));
        String json = new String(Manifests.toJson(relup), StandardCharsets.UTF_8);
        String expected = """
                {
                  "version": "2.0.0",
                  "upFrom": [
                    {
                      "version": "1.0.0",
                      "fingerprint": "%1$s",
                      "steps": [
                        {
                          "removeApplication": "legacy",
                          "version": "0.9.0"
                        },
                        {
                          "changeApplication": "kv",
                          "from": "1.0.0",
                          "to": "1.1.0",
                          "instructions": [
                            {
                              "update": "store",
                              "purge": "brutal",
                              "suspendTimeoutMillis": 2000,
                              "extra": {
                                "rehash": true
                              }
                            }
                          ]
                        },
                        {
                          "addApplication": "metrics",
                          "version": "1.0.0"
                        },
                        {
                          "changeApplication": "web",
                          "from": "1.0.0",
                          "to": "1.1.0",
                          "instructions": [
                            {
                              "restartApplication": "web"
                            }
                          ]
                        }
                      ]
                    }
                  ],
                  "downTo": [
                    {
                      "version": "1.0.0",
                      "fingerprint": "%1$s",
                      "steps": [
                        {
                          "removeApplication": "metrics",
                          "version": "1.0.0"
                        },
                        {
                          "changeApplication": "kv",
                          "from": "1.1.0",
                          "to": "1.0.0",
                          "instructions": [
                            {
                              "update": "store"
                            }
                          ]
                        },
                        {
                          "addApplication": "legacy",
                          "version": "0.9.0"
                        },
                        {
                          "changeApplication": "web",
                          "from": "1.1.0",
                          "to": "1.0.0",
                          "instructions": [
                            {
                              "restartApplication": "web"
                            }
                          ]
                        }
                      ]
                    }
                  ]
                }
                """.formatted(FP_OLD);
        assertEquals(expected, json);
        assertEquals(relup, Manifests.read(json.getBytes(StandardCharsets.UTF_8), Relup.class, "relup.json"));
    }

    @Test
    void identicalApplicationVersionsGiveEmptyPlans() throws Exception {
        ReleaseContent a = release("1.0.0", FP_OLD, app("kv", "1.0.0"));
        ReleaseContent b = release("1.0.1", FP_NEW, app("kv", "1.0.0"));
        Relup relup = RelupGenerator.generate(b, List.of(a));
        assertEquals(List.of(), relup.upFrom().get(0).steps());
        assertEquals(List.of(), relup.downTo().get(0).steps());
    }

    @Test
    void plansForSeveralEarlierReleasesAreSortedByVersion() throws Exception {
        ReleaseContent v1 = release("1.0.0", FP_OLD, app("kv", "1.0.0"));
        ReleaseContent v2 = release("1.5.0", FP_OLD, app("kv", "1.0.0"));
        ReleaseContent v3 = release("2.0.0", FP_NEW, app("kv", "1.0.0"));
        Relup relup = RelupGenerator.generate(v3, List.of(v2, v1));
        assertEquals(List.of("1.0.0", "1.5.0"), relup.upFrom().stream().map(p -> p.version().toString()).toList());
    }

    @Test
    void refusesChangedApplicationsWithoutAppupEntriesBothWays() {
        ReleaseContent from = release("1.0.0", FP_OLD, app("kv", "0.9.0"), app("web", "1.0.0"));
        ReleaseContent to = release("2.0.0", FP_NEW,
                app("kv", "1.1.0", List.of(), Map.of(), appup("1.1.0", "1.0.*", List.of(), "1.0.*", List.of())),
                app("web", "1.1.0"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class,
                () -> RelupGenerator.generate(to, List.of(from)));
        assertEquals(List.of(
                "application kv changes from 0.9.0 to 1.1.0, but kv-1.1.0's appup.json has no upFrom entry matching "
                        + "0.9.0 (it has 1.0.*) (write that entry in lib/kv-1.1.0/appup.json)",
                "application web changes from 1.0.0 to 1.1.0, but web-1.1.0 has no appup.json (write that entry in "
                        + "lib/web-1.1.0/appup.json)",
                "application kv changes from 1.1.0 to 0.9.0, but kv-1.1.0's appup.json has no downTo entry matching "
                        + "0.9.0 (it has 1.0.*) (write that entry in lib/kv-1.1.0/appup.json)",
                "application web changes from 1.1.0 to 1.0.0, but web-1.1.0 has no appup.json (write that entry in "
                        + "lib/web-1.1.0/appup.json)"),
                e.problems().stream().map(Problem::message).toList());
        assertEquals("shop-2.0.0", e.subject());
    }

    @Test
    void refusesADependencyCycleAndAPlanToItself() {
        ReleaseContent cyclic = release("2.0.0", FP_NEW, app("a", "1.0.0", "b"), app("b", "1.0.0", "a"));
        List<Problem> problems = new ArrayList<>();
        DependencyOrder.of(cyclic.release(), Map.of("a", cyclic.apps().get(0).spec(), "b", cyclic.apps().get(1).spec()),
                problems);
        assertEquals(List.of("application a@1.0.0 depends on 'b', and these applications depend on each other in a "
                + "cycle: a, b"), problems.stream().map(Problem::message).toList());
        ReleaseContent same = release("2.0.0", FP_OLD, app("a", "1.0.0"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class,
                () -> RelupGenerator.generate(same, List.of(same)));
        assertEquals("cannot make a plan from release shop-2.0.0 to shop-2.0.0: both have version 2.0.0",
                e.problems().get(0).message());
    }

    @Test
    void refusesInstructionsWhoseServersAreNotWhereTheyMustBe() {
        ReleaseContent from = release("1.0.0", FP_OLD, app("kv", "1.0.0", List.of(), Map.of("store", "x.S"), null));
        ReleaseContent to = release("2.0.0", FP_NEW, app("kv", "1.1.0", List.of(), Map.of("store", "x.S", "cache", "x.C"),
                new Appup(Version.parse("1.1.0"),
                        List.of(new AppupEntry(VersionPattern.parse("1.0.0"), List.of(new Instruction.AddServer("store"),
                                new Instruction.RemoveServer("cache"), new Instruction.Restart("cache")))),
                        List.of(new AppupEntry(VersionPattern.parse("1.0.0"), List.of(new Instruction.RemoveServer("cache")))))));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class,
                () -> RelupGenerator.generate(to, List.of(from)));
        assertEquals(List.of(
                "upgrade from 1.0.0, application kv: 'add' names server 'store', which kv@1.0.0 already lists in its "
                        + "app.json servers",
                "upgrade from 1.0.0, application kv: 'remove' names server 'cache', which kv@1.0.0 does not list in "
                        + "its app.json servers",
                "upgrade from 1.0.0, application kv: 'remove' names server 'cache', which kv@1.1.0 already lists in "
                        + "its app.json servers",
                "upgrade from 1.0.0, application kv: 'restart' names server 'cache', which kv@1.0.0 does not list in "
                        + "its app.json servers"),
                e.problems().stream().map(Problem::message).toList());
    }
}
