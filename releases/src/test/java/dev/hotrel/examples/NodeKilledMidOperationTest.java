package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotrel.examples.client.KvConnection;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash-safety harness: a real node JVM on a root made by the real {@code hotrel init} from the
 * demo archives, killed with SIGKILL at a random instant of an unpack, install, failing install
 * (rolled back in place), make-permanent, rollback, remove or upload, then started again on the
 * same root, again and again (20 kills in the short mode, 200 in the long one). After each kill:
 * <ul>
 *   <li>{@code RELEASES.json} parses and is the state before the operation or the one after it;
 *       the one after it if the node had answered;</li>
 *   <li>the node boots its permanent release (or the release marked to boot next) and says so;</li>
 *   <li>no listed release lacks a file ({@code verifyRelease} finds nothing), and nothing a crashed
 *       operation left remains: staging, partial uploads, unlisted release or application folders;</li>
 *   <li>an upload's file is whole or absent, never half;</li>
 *   <li>{@code audit.log} is whole JSON lines, one boot line per start;</li>
 *   <li>a client reconnects and is served by the booted release: kv keeps its store in memory, so
 *       it holds what was written since that boot, and nothing from before the kill.</li>
 * </ul>
 * The kill instant is drawn from 0 to 1.25 times the operation's usual length (learned as it runs),
 * so most kills land before the node answered; the summary says how many, per operation.
 */
class NodeKilledMidOperationTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Path TARGET = Path.of("target");
    private static final String HOST = "127.0.0.1";
    private static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0");
    /** The upgrade plans the demo releases carry, both ways (their relup.json). */
    private static final List<String> PLANS = List.of("1.0.0>1.1.0", "1.1.0>1.2.0", "1.0.0>2.0.0", "1.1.0>2.0.0");
    private static final String UPLOAD = "upload.tar.gz";

    @TempDir
    Path dir;

    enum Kind { UNPACK, INSTALL, FAILING_INSTALL, MAKE_PERMANENT, ROLLBACK, REMOVE, UPLOAD }

    /** One operation to kill, with the release it is about ({@code null} for rollback and upload). */
    record Operation(Kind kind, String version) {
        @Override
        public String toString() {
            return kind.name().toLowerCase() + (version == null ? "" : " " + version);
        }
    }

    private final Map<Kind, int[]> tally = new EnumMap<>(Kind.class); // kills, before the answer
    private final Map<Kind, Double> usualMicros = new EnumMap<>(Kind.class);
    private Path root;
    private int port;
    private int starts;
    private long uploads;

    @Test
    void everyKillLeavesAWholeRootThatBootsItsPermanentReleaseAndServes() throws Exception {
        int kills = RunLength.of("kills", 20, 200);
        long seed = RunLength.seed();
        Random random = new Random(seed);
        System.out.println("crash harness, " + RunLength.mode() + ": " + kills + " kills, seed " + seed);
        root = freshRoot();
        port = LoopbackPort.free();
        long began = System.nanoTime();
        NodeProcess node = start();
        try {
            for (int k = 1; k <= kills; k++) {
                node = killDuringOneOperation(node, random, k);
            }
        } catch (Throwable t) {
            System.out.println("node console:\n" + String.join("\n", node.output));
            throw t;
        } finally {
            node.close();
        }
        int before = tally.values().stream().mapToInt(t -> t[1]).sum();
        System.out.println("crash harness: " + kills + " kills survived (" + before + " before the node answered) in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began) + " s, " + starts + " node starts, "
                + uploads + " upload kills; per operation (kills, before the answer): " + summary());
        // A harness whose kills all land after the answer tests nothing mid-operation.
        assertTrue(before * 3 >= kills, "only " + before + " of " + kills + " kills landed before the answer");
    }

    private NodeProcess killDuringOneOperation(NodeProcess node, Random random, int k) throws Exception {
        Jolokia jolokia = new Jolokia(node.jolokiaUrl);
        Map<String, String> disk = RootAfterCrash.statuses(root);
        String permanent = permanentOf(disk);
        Operation op = choose(random, disk, permanent);
        String marker = "before-kill-" + k;
        try (KvConnection kv = KvConnection.open(HOST, port, Duration.ofSeconds(30))) {
            assertEquals("OK", kv.send("SET " + marker + " 1"));
            prepare(jolokia, kv, op, disk, permanent);
        }
        Map<String, String> before = RootAfterCrash.statuses(root);
        Map<String, String> after = after(op, before, permanent);
        byte[] uploadBefore = readIfThere(root.resolve("inbox").resolve(UPLOAD));
        byte[] uploadAfter = op.kind() == Kind.UPLOAD ? Files.readAllBytes(uploadSource(k)) : null;

        long start = System.nanoTime();
        // When the node answered, or failed otherwise than by the kill: told apart from the kill's own failure by time.
        AtomicLong answeredAt = new AtomicLong();
        AtomicLong failedAt = new AtomicLong(Long.MAX_VALUE);
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                run(jolokia, op, k);
                answeredAt.set(System.nanoTime());
            } catch (Throwable e) {
                failedAt.set(System.nanoTime());
                throw new IllegalStateException(op + ": " + e.getMessage(), e);
            }
        });
        double usual = usualMicros.getOrDefault(op.kind(), 200_000.0);
        long delayMicros = (long) (random.nextDouble() * usual * 1.25);
        TimeUnit.MICROSECONDS.sleep(delayMicros);
        long killedAt = System.nanoTime();
        node.process.toHandle().destroyForcibly(); // SIGKILL
        assertTrue(node.process.waitFor(30, TimeUnit.SECONDS), "the node survived SIGKILL");
        try {
            call.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (failedAt.get() - killedAt < 0) { // it failed on its own, before the kill
                throw new AssertionError(op + " failed before the kill", e.getCause());
            }
        }
        boolean beforeAnswer = answeredAt.get() == 0 || answeredAt.get() - killedAt > 0;
        // Learn the operation's length: from its answer, which measured it (an average with the first guess of 200 ms
        // kept the next kills of a fast operation after its answer: 6 of 20 before it in one short run), or, killed
        // before it, at least as long as the wait was.
        usualMicros.put(op.kind(), beforeAnswer ? Math.max(usual, delayMicros * 1.5)
                : TimeUnit.NANOSECONDS.toMicros(answeredAt.get() - start));
        int[] t = tally.computeIfAbsent(op.kind(), x -> new int[2]);
        t[0]++;
        t[1] += beforeAnswer ? 1 : 0;
        if (op.kind() == Kind.UPLOAD) {
            uploads++;
        }

        String context = "kill " + k + " during " + op + " after " + delayMicros + " µs ("
                + (beforeAnswer ? "before" : "after") + " the answer)";
        Map<String, String> now = RootAfterCrash.statuses(root);
        assertTrue(now.equals(before) || now.equals(after), context + ": RELEASES.json says " + now
                + ", neither the state before " + before + " nor after " + after);
        if (!beforeAnswer) {
            assertEquals(after, now, context + ": the node answered, so its change must be on the disk");
        }
        byte[] upload = readIfThere(root.resolve("inbox").resolve(UPLOAD));
        if (op.kind() == Kind.UPLOAD) {
            assertTrue(Arrays.equals(upload, uploadBefore) || Arrays.equals(upload, uploadAfter),
                    context + ": inbox/" + UPLOAD + " is neither the file before nor the whole upload ("
                            + (upload == null ? "absent" : upload.length + " bytes") + ")");
        }
        String boots = Files.exists(root.resolve("releases/BOOT_NEXT"))
                ? Files.readString(root.resolve("releases/BOOT_NEXT")).trim() : permanentOf(now);

        NodeProcess next = start();
        checkBooted(new Jolokia(next.jolokiaUrl), now, boots, marker, context);
        return next;
    }

    /** What a freshly booted node must show after a kill. */
    private void checkBooted(Jolokia jolokia, Map<String, String> disk, String boots, String marker, String context)
            throws Exception {
        assertEquals(boots, read(jolokia, "CurrentVersion"), context + ": the node booted");
        assertEquals(permanentOf(disk), read(jolokia, "PermanentVersion"), context);
        assertEquals(List.of(), RootAfterCrash.leftovers(root), context + ": leftovers after the boot");
        for (String version : disk.keySet()) {
            JsonNode problems = ok(jolokia.exec(HANDLER, "verifyRelease", version));
            assertEquals(0, problems.size(), context + ": verifyRelease " + version + " says " + problems);
        }
        List<String> audit = RootAfterCrash.auditOperations(root);
        assertEquals(starts, audit.stream().filter("boot"::equals).count(), context + ": one audit boot line a start");
        try (KvConnection kv = KvConnection.open(HOST, port, Duration.ofSeconds(30))) {
            assertEquals("kv " + boots, kv.send("VERSION"), context + ": the client is served by the booted release");
            assertEquals("(nil)", kv.send("GET " + marker), context + ": kv keeps its store in memory");
            assertEquals("OK", kv.send("SET after-" + marker + " 2"), context);
            assertEquals("2", kv.send("GET after-" + marker), context);
        }
    }

    /**
     * Picks an operation the root's state allows, of a kind killed least so far: every kind is killed
     * about as often, even in the short mode. A release it needs and the root lacks is unpacked first.
     */
    private Operation choose(Random random, Map<String, String> disk, String permanent) {
        List<Operation> options = new ArrayList<>();
        options.add(new Operation(Kind.UPLOAD, null));
        for (String v : VERSIONS) {
            if (!disk.containsKey(v)) {
                options.add(new Operation(Kind.UNPACK, v));
            }
            if (v.equals(permanent)) {
                continue;
            }
            options.add(new Operation(Kind.REMOVE, v));
            if (hasPlan(permanent, v)) {
                for (Kind kind : List.of(Kind.INSTALL, Kind.MAKE_PERMANENT, Kind.ROLLBACK)) {
                    options.add(new Operation(kind, v));
                }
            }
        }
        // kv 1.2.0 refuses, in its code change, a store that holds the key 'poison'; it installs from 1.1.0 only.
        if (!permanent.equals("1.2.0") && (permanent.equals("1.1.0") || hasPlan(permanent, "1.1.0"))) {
            options.add(new Operation(Kind.FAILING_INSTALL, "1.2.0"));
        }
        int fewest = options.stream().mapToInt(o -> killed(o.kind())).min().orElseThrow();
        List<Kind> kinds = options.stream().map(Operation::kind).filter(kind -> killed(kind) == fewest).distinct().toList();
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        List<Operation> ofKind = options.stream().filter(o -> o.kind() == kind).toList();
        return ofKind.get(random.nextInt(ofKind.size()));
    }

    private int killed(Kind kind) {
        int[] t = tally.get(kind);
        return t == null ? 0 : t[0];
    }

    /** The steps before the operation that is killed, which must not be killed themselves. */
    private static void prepare(Jolokia jolokia, KvConnection kv, Operation op, Map<String, String> disk, String permanent)
            throws Exception {
        switch (op.kind()) {
            case INSTALL, REMOVE -> unpacked(jolokia, disk, op.version());
            case MAKE_PERMANENT, ROLLBACK -> {
                unpacked(jolokia, disk, op.version());
                ok(jolokia.exec(HANDLER, "installRelease", op.version()));
            }
            case FAILING_INSTALL -> {
                unpacked(jolokia, disk, "1.1.0");
                unpacked(jolokia, disk, "1.2.0");
                if (!permanent.equals("1.1.0")) {
                    ok(jolokia.exec(HANDLER, "installRelease", "1.1.0"));
                }
                assertEquals("OK", kv.send("SET poison 1"));
            }
            default -> {
            }
        }
    }

    private static void unpacked(Jolokia jolokia, Map<String, String> disk, String version) throws Exception {
        if (!disk.containsKey(version)) {
            ok(jolokia.exec(HANDLER, "unpackRelease", "demo-" + version + ".tar.gz"));
        }
    }

    private void run(Jolokia jolokia, Operation op, int k) throws Exception {
        switch (op.kind()) {
            case UNPACK -> ok(jolokia.exec(HANDLER, "unpackRelease", "demo-" + op.version() + ".tar.gz"));
            case INSTALL -> ok(jolokia.exec(HANDLER, "installRelease", op.version()));
            case FAILING_INSTALL -> {
                Jolokia.Response r = jolokia.exec(HANDLER, "installRelease", op.version());
                if (r.status() != 500 || !r.error().contains("rolled back")) {
                    throw new AssertionError("install of 1.2.0 over a poisoned store answered " + r.body());
                }
            }
            case MAKE_PERMANENT -> ok(jolokia.exec(HANDLER, "makePermanent", op.version()));
            case ROLLBACK -> ok(jolokia.exec(HANDLER, "rollback"));
            case REMOVE -> ok(jolokia.exec(HANDLER, "removeRelease", op.version()));
            case UPLOAD -> upload(jolokia, Files.readAllBytes(uploadSource(k)));
        }
    }

    /** Through the node's upload operations, in pieces of 2 KB, as a remote client without a shared disk. */
    private static void upload(Jolokia jolokia, byte[] archive) throws Exception {
        String id = ok(jolokia.exec(HANDLER, "uploadBegin", UPLOAD, archive.length)).asText();
        for (int at = 0; at < archive.length; at += 2048) {
            byte[] piece = Arrays.copyOfRange(archive, at, Math.min(archive.length, at + 2048));
            ok(jolokia.exec(HANDLER, "uploadChunk", id, java.util.Base64.getEncoder().encodeToString(piece)));
        }
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(archive));
        assertEquals(UPLOAD, ok(jolokia.exec(HANDLER, "uploadEnd", id, sha)).asText());
    }

    /** Uploads alternate between two archives, so a whole upload always changes the file. */
    private static Path uploadSource(int k) {
        return TARGET.resolve(k % 2 == 0 ? "demo-1.1.0.tar.gz" : "demo-2.0.0.tar.gz");
    }

    /** RELEASES.json after the operation, had it finished. */
    private static Map<String, String> after(Operation op, Map<String, String> before, String permanent) {
        Map<String, String> after = new java.util.TreeMap<>(before);
        switch (op.kind()) {
            case UNPACK -> after.put(op.version(), "unpacked");
            case MAKE_PERMANENT -> {
                after.put(permanent, "old");
                after.put(op.version(), "permanent");
            }
            case REMOVE -> after.remove(op.version());
            default -> {
                // installs, rollbacks and uploads write no state: a restart boots the permanent release
            }
        }
        return after;
    }

    private static boolean hasPlan(String from, String to) {
        return PLANS.contains(from + ">" + to) || PLANS.contains(to + ">" + from);
    }

    private static String permanentOf(Map<String, String> disk) {
        return disk.entrySet().stream().filter(e -> e.getValue().equals("permanent")).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no permanent release in " + disk));
    }

    private NodeProcess start() throws Exception {
        starts++;
        return NodeProcess.startOn(root, List.of("-Dkv.port=" + port), "--jolokia", HOST + ":0");
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        tally.forEach((kind, t) -> s.append(s.length() == 0 ? "" : ", ").append(kind.name().toLowerCase())
                .append(' ').append(t[0]).append('/').append(t[1]));
        return s.toString();
    }

    /** A root made by the real {@code hotrel init} from demo-1.0.0, every demo archive in its inbox. */
    private Path freshRoot() throws Exception {
        Path r = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", r, TARGET.resolve("demo-1.0.0.tar.gz"));
        for (String v : VERSIONS) {
            Files.copy(TARGET.resolve("demo-" + v + ".tar.gz"), r.resolve("inbox/demo-" + v + ".tar.gz"));
        }
        return r;
    }

    private static byte[] readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    private static JsonNode ok(Jolokia.Response r) {
        if (r.status() != 200) {
            throw new AssertionError("the node answered " + r.body());
        }
        return r.value();
    }

    private static String read(Jolokia jolokia, String attribute) throws Exception {
        return ok(jolokia.read(HANDLER, attribute)).asText();
    }
}
