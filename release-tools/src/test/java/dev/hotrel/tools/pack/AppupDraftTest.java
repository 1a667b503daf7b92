package dev.hotrel.tools.pack;

import dev.hotrel.release.AppupEntry;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.Manifests;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.AppFolder;
import dev.hotrel.tools.archive.ArchiveLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appups drafted from the bytecode difference: exact instructions up and down, the reasons, and pack's acceptance. */
class AppupDraftTest {

    @TempDir
    Path tmp;

    @Test
    void aServerWhoseStateChangedIsUpdatedBothWaysAndPackAcceptsTheDraft() throws Exception {
        Path lib = tmp.resolve("lib");
        Path dir = Fixtures.counter("1.2.0", "public long count; public String label;", "").writeTo(lib);
        AppupDraft draft = AppupDraft.draft(folder(dir), List.of(folder(Fixtures.lib().resolve("counter-1.0.0"))));

        assertEquals(List.of(entry("1.0.0", Instruction.Update.of("counter"))), draft.appup().upFrom());
        assertEquals(List.of(entry("1.0.0", Instruction.Update.of("counter"))), draft.appup().downTo());
        assertEquals(List.of("from 1.0.0: update counter (up and down): state class fx.counter.Counter$State changed; "
                + "codeChange (up) and downgradeState (down) migrate its state"), draft.decisions());

        Manifests.write(draft.appup(), dir.resolve(Manifests.APPUP));
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        PackResult packed = Packer.pack(new PackRequest(descriptor, List.of(lib, Fixtures.lib()),
                List.of(Fixtures.descriptor("1.0.0")), tmp, false, ArchiveLimits.DEFAULT), Progress.NONE);
        assertEquals(List.of(), packed.warnings());
        assertTrue(Files.isRegularFile(packed.archive()));
    }

    @Test
    void serversThatAppearAreAddedAndThoseThatGoAreRemovedAndUnchangedOnesNeedNothing() throws Exception {
        Path dir = Fixtures.counter("1.3.0", "public long count;", "").server("reporter", "fx.counter.Reporter")
                .source("fx.counter.Reporter", """
                        package fx.counter;
                        import dev.hotrel.api.*;
                        public final class Reporter implements Server<String> {
                            public String init(Object arg) { return ""; }
                        }
                        """).writeTo(tmp.resolve("lib"));
        AppupDraft draft = AppupDraft.draft(folder(dir), List.of(folder(Fixtures.lib().resolve("counter-1.0.0"))));

        assertEquals(List.of(entry("1.0.0", new Instruction.AddServer("reporter"))), draft.appup().upFrom());
        assertEquals(List.of(entry("1.0.0", new Instruction.RemoveServer("reporter"))), draft.appup().downTo());
        assertEquals(List.of(
                "from 1.0.0: add reporter (remove on the way down): new in 1.3.0",
                "from 1.0.0: no instruction for counter: neither its callback nor its state classes changed "
                        + "(it still moves to the new code with its state)"), sorted(draft.decisions()));
    }

    @Test
    void aChangedStartClassRestartsTheApplicationAndSaysWhatItCosts() throws Exception {
        Path dir = Fixtures.counter("1.4.0", "public long count;", "").source("fx.counter.CounterApp", """
                package fx.counter;
                import dev.hotrel.api.*;
                public final class CounterApp implements Application {
                    public SupervisorSpec supervisor(ApplicationContext context) {
                        return SupervisorSpec.of(RestartStrategy.ONE_FOR_ALL, ChildSpec.server("counter", Counter.class));
                    }
                }
                """).writeTo(tmp.resolve("lib"));
        AppupDraft draft = AppupDraft.draft(folder(dir), List.of(folder(Fixtures.lib().resolve("counter-1.0.0"))));

        assertEquals(List.of(entry("1.0.0", new Instruction.RestartApplication("counter"))), draft.appup().upFrom());
        assertEquals(List.of(entry("1.0.0", new Instruction.RestartApplication("counter"))), draft.appup().downTo());
        assertEquals(1, draft.decisions().size());
        assertTrue(draft.decisions().get(0).startsWith("from 1.0.0: restartApplication counter (up and down): the start "
                + "class fx.counter.CounterApp changed"), draft.decisions().get(0));
    }

    @Test
    void refusesAVersionThatIsNotOlderOrNotTheSameApplication() throws Exception {
        AppFolder older = folder(Fixtures.lib().resolve("counter-1.0.0"));
        AppFolder newer = folder(Fixtures.lib().resolve("counter-1.1.0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppupDraft.draft(older, List.of(newer)));
        assertEquals("counter@1.1.0 is not older than counter@1.0.0: an appup is written by the newer version, "
                + "for the older ones", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AppupDraft.draft(newer, List.of(folder(Fixtures.lib().resolve("util-1.0.0")))));
        assertTrue(e.getMessage().endsWith("holds application util@1.0.0, not a version of counter"), e.getMessage());
    }

    private static AppupEntry entry(String version, Instruction... instructions) {
        return new AppupEntry(dev.hotrel.release.VersionPattern.parse(version), List.of(instructions));
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    private static AppFolder folder(Path dir) throws Exception {
        List<Problem> problems = new ArrayList<>();
        AppFolder folder = AppFolder.read(dir, dir.toString(), false, problems);
        assertEquals(List.of(), problems);
        return folder;
    }
}
