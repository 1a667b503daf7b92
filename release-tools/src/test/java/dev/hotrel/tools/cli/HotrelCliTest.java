package dev.hotrel.tools.cli;

import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.TarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI run in-process: exit codes, what goes to stdout and stderr. */
class HotrelCliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    static Run hotrel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotrelCli.run(args, new PrintWriter(out), new PrintWriter(err), false);
        return new Run(code, out.toString(), err.toString());
    }

    private Path pack(String version, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("pack", "--lib", Fixtures.lib().toString(),
                "-o", tmp.toString()));
        args.addAll(List.of(extra));
        args.add(Fixtures.descriptor(version).toString());
        Run run = hotrel(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return tmp.resolve("demo-" + version + ".tar.gz");
    }

    @Test
    void helpExplainsTheCommandsAndExitCodes() {
        Run run = hotrel("--help");
        assertEquals(0, run.code());
        for (String s : List.of("Usage: hotrel [-hV] [--verbose]", "[--url=URL]", "COMMAND", "pack", "verify", "inspect",
                "unpack", "init", "status", "deploy", "rollback", "Exit codes: 0 done; 1 failed")) {
            assertTrue(run.out().contains(s), s + " in\n" + run.out());
        }
        Run pack = hotrel("pack", "--help");
        assertEquals(0, pack.code());
        assertTrue(pack.out().contains("--allow-uncovered"), pack.out());
        assertTrue(pack.out().contains("--from=FILE"), pack.out());
        assertEquals(0, hotrel("help", "unpack").code());
        assertTrue(hotrel("--version").out().startsWith("hotrel "));
    }

    @Test
    void wrongUsageExitsWithTwoAndSaysWhatIsWrong() {
        Run none = hotrel();
        assertEquals(2, none.code());
        assertEquals(List.of("hotrel: missing command (one of: pack, verify, inspect, unpack, init; with --url: status, "
                        + "upload, unpack, check, install, permanent, rollback, remove, leaks, deploy, start, stop, restart)",
                "Try 'hotrel --help' for more information."), none.errLines());
        Run unknown = hotrel("frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.errLines().get(0).startsWith("hotrel: Unmatched argument at index 0: 'frobnicate'"),
                unknown.err());
        Run missing = hotrel("unpack", "x.tar.gz");
        assertEquals(2, missing.code());
        assertEquals(List.of("hotrel unpack: give --root DIR (or --url URL before the command, to unpack on a running node)",
                "Try 'hotrel unpack --help' for more information."), missing.errLines());
        Run size = hotrel("verify", "--max-entry-size", "12X", "x.tar.gz");
        assertEquals(2, size.code());
        assertTrue(size.err().contains("'12X' is not a size"), size.err());
    }

    @Test
    void packVerifyInspectInitUnpackEndToEnd() throws Exception {
        Path first = pack("1.0.0");
        Path second = pack("1.1.0", "--from", first.toString());

        Run verify = hotrel("verify", first.toString(), second.toString());
        assertEquals(0, verify.code(), verify.err());
        assertEquals("", verify.err());
        assertEquals(List.of(first + ": ok, release demo-1.0.0, 2 application(s), no plans, unsigned",
                second + ": ok, release demo-1.1.0, 2 application(s), 1 upgrade plan(s), unsigned"), List.of(verify.out().split("\n")));

        Run inspect = hotrel("inspect", second.toString());
        assertEquals(0, inspect.code(), inspect.err());
        String[] lines = inspect.out().split("\n");
        assertEquals("release demo 1.1.0 (runtime 0.1.0)", lines[0]);
        assertEquals("applications, in start order:", lines[2]);
        assertTrue(lines[3].startsWith("  util 1.0.0: start fx.util.UtilApp; no servers"), lines[3]);
        assertEquals("  counter 1.1.0: start fx.counter.CounterApp; servers counter (fx.counter.Counter); depends on util",
                lines[4]);
        assertTrue(lines[5].startsWith("upgrade from 1.0.0 (whose fingerprint is sha256:"), lines[5]);
        assertEquals("  1. upgrade application counter from 1.0.0 to 1.1.0", lines[6]);
        assertEquals("       update server 'counter' (codeChange with extra {step=1}, soft purge)", lines[7]);
        assertEquals("downgrade to 1.0.0:", lines[8]);
        assertEquals("  1. downgrade application counter from 1.1.0 to 1.0.0", lines[9]);
        assertEquals("       update server 'counter' (codeChange, soft purge)", lines[10]);

        Path root = tmp.resolve("root");
        Run init = hotrel("init", "--root", root.toString(), first.toString());
        assertEquals(0, init.code(), init.err());
        assertEquals("created release root " + root + " with permanent release demo-1.0.0\n", init.out());
        Run unpack = hotrel("unpack", "--root", root.toString(), second.toString());
        assertEquals(0, unpack.code(), unpack.err());
        assertEquals("unpacked release demo-1.1.0 into " + root + " (new: counter@1.1.0; shared: util@1.0.0)\n",
                unpack.out());
        assertEquals("", unpack.err(), "no progress bar when stderr is no terminal");
        assertEquals(2, ReleaseRoot.open(root).readReleases().releases().size());
    }

    @Test
    void failuresAreOneLineEachWithoutStackTraceUnlessVerbose() throws Exception {
        Path good = pack("1.0.0");
        Map<String, byte[]> files = TarBuilder.files(good);
        files.put("lib/util-1.0.0/extra.txt", new byte[]{1});
        files.put("README", new byte[]{2});
        Path bad = TarBuilder.of(files).writeTo(tmp.resolve("bad/demo-1.0.0.tar.gz"));

        Run verify = hotrel("verify", bad.toString(), good.toString());
        assertEquals(1, verify.code());
        assertEquals(List.of(
                "hotrel verify: demo-1.0.0.tar.gz: 'README' is in the archive but not in CHECKSUMS",
                "hotrel verify: demo-1.0.0.tar.gz: 'lib/util-1.0.0/extra.txt' is in the archive but not in CHECKSUMS"),
                verify.errLines());
        assertEquals(good + ": ok, release demo-1.0.0, 2 application(s), no plans, unsigned\n", verify.out());

        Run unpack = hotrel("unpack", "--root", tmp.resolve("nothing").toString(), good.toString());
        assertEquals(1, unpack.code());
        assertEquals(List.of("hotrel unpack: not a release root: " + tmp.resolve("nothing")
                + " has no releases/RELEASES.json (create one with 'hotrel init --root DIR ARCHIVE')"), unpack.errLines());

        Run missing = hotrel("verify", tmp.resolve("nope-1.0.0.tar.gz").toString());
        assertEquals(1, missing.code());
        assertEquals(List.of("hotrel verify: " + tmp.resolve("nope-1.0.0.tar.gz") + ": no such file: "
                + tmp.resolve("nope-1.0.0.tar.gz")), missing.errLines());

        Run verbose = hotrel("unpack", "--verbose", "--root", tmp.resolve("nothing").toString(), good.toString());
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("java.nio.file.NoSuchFileException"), verbose.err());
        assertTrue(verbose.err().contains("\tat dev.hotrel."), verbose.err());
        Run verboseFirst = hotrel("--verbose", "unpack", "--root", tmp.resolve("nothing").toString(), good.toString());
        assertTrue(verboseFirst.err().contains("\tat dev.hotrel."), verboseFirst.err());
        assertFalse(unpack.err().contains("\tat "), unpack.err());
    }

    @Test
    void packReportsEveryProblemOfItsInputs() throws Exception {
        Path descriptor = tmp.resolve("demo-2.0.0.json");
        Fixtures.descriptor(descriptor, "demo", "2.0.0", Map.of("counter", "7.0.0", "util", "8.0.0"));
        Run run = hotrel("pack", "--lib", Fixtures.lib().toString(), "-o", tmp.toString(), descriptor.toString());
        assertEquals(1, run.code());
        assertEquals(List.of(
                "hotrel pack: " + descriptor + ": application counter@7.0.0 not found: no counter-7.0.0/app.json in "
                        + Fixtures.lib(),
                "hotrel pack: " + descriptor + ": application util@8.0.0 not found: no util-8.0.0/app.json in "
                        + Fixtures.lib()), run.errLines());
        assertFalse(Files.exists(tmp.resolve("demo-2.0.0.tar.gz")));
    }

    @Test
    void theProgressBarRedrawsInPlaceAndEndsTheLine() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "unpacking");
        bar.update(0, 200);
        bar.update(1, 200);
        bar.update(100, 200);
        bar.update(200, 200);
        bar.finish();
        assertEquals("\runpacking [                              ]   0% 0 B/200 B"
                + "\runpacking [###############               ]  50% 100 B/200 B"
                + "\runpacking [##############################] 100% 200 B/200 B\n", err.toString());
    }
}
