package dev.hotrel.tools.unpack;

import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.TarBuilder;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The fuzzer over the archive reader: a good release archive mutated at random, seeded by jqwik
 * (400 tries a build; {@code -Djqwik.tries.default=N} for the long mode), each mutation a list of
 * edits to its files (hostile names, flipped, cut, grown, bombed or JSON-mangled content, entries
 * removed or added), extra entries (links, devices, FIFOs, folders, duplicates, sizes that lie),
 * CHECKSUMS recomputed or not, then bytes flipped or cut in the tar and in the gzip stream. Each is
 * unpacked into a real root, and must be refused with our clear {@link InvalidReleaseException}
 * (or unpacked, if the mutation left a valid release): no other exception, not a byte written
 * outside the root's staging folder (and on a refusal, the root exactly as it was), and no more
 * than {@link #ALLOCATION_BOUND} bytes allocated whatever the archive declares.
 */
class ArchiveFuzzTest {

    /** Per archive: its own bytes are under 64 KB, the limits below allow 1 MB an entry. */
    static final long ALLOCATION_BOUND = 48L << 20;
    static final ArchiveLimits LIMITS = new ArchiveLimits(1L << 20, 4L << 20, 500);

    static Path work;
    static Path first;
    static Map<String, byte[]> good;
    static final AtomicLong tries = new AtomicLong();
    static final AtomicLong refused = new AtomicLong();
    static final AtomicLong unpacked = new AtomicLong();
    static final AtomicLong mostAllocated = new AtomicLong();

    @BeforeContainer
    static void packGoodArchives() throws Exception {
        work = Files.createTempDirectory("archive-fuzz");
        Path packed = Files.createDirectories(work.resolve("packed"));
        first = Packer.pack(new PackRequest(Fixtures.descriptor("1.0.0"), List.of(Fixtures.lib()), List.of(),
                packed, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        Path second = Packer.pack(new PackRequest(Fixtures.descriptor("1.1.0"), List.of(Fixtures.lib()),
                List.of(first), packed, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        good = TarBuilder.files(second);
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.println("archive fuzzer: " + tries + " archives tried, " + refused + " refused clearly, " + unpacked
                + " unpacked (mutations that left a valid release), at most " + (mostAllocated.get() >> 10)
                + " KB allocated by one");
        ReleaseRoot.deleteTree(work);
    }

    // ---- the inputs -------------------------------------------------------------------------

    /** One edit of the archive's files, by position in the file list (modulo its size). */
    sealed interface FileEdit permits Rename, Content, Remove, Add {
    }

    record Rename(int target, String name) implements FileEdit {
    }

    /** kind: 0 flip a byte, 1 cut, 2 append, 3 replace by zeros (a bomb), 4 insert a JSON token. */
    record Content(int target, int kind, int position, int length, String token) implements FileEdit {
    }

    record Remove(int target) implements FileEdit {
    }

    record Add(String name, int size) implements FileEdit {
    }

    /** An entry added after the files: type is a tar type flag; declared a lying size, or -1. */
    record Extra(String name, byte type, String link, long declared) {
    }

    /** At a position (modulo the length): 0 flip, 1 cut there, 2 insert garbage there. */
    record ByteEdit(int position, int kind, byte value) {
    }

    record Mutation(List<FileEdit> edits, boolean checksums, List<Extra> extras, List<ByteEdit> tarEdits,
                    List<ByteEdit> gzEdits, String fileName) {
    }

    static Arbitrary<String> hostileNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("../escaped", "../../../../escaped", "/tmp/hotrel-fuzz-escaped", "lib/../../escaped",
                        "releases/1.1.0/../../../escaped", "lib/util-1.0.0/./x.txt", "lib//util-1.0.0/x.txt", "..", ".",
                        "lib/a\\..\\..\\escaped", "C:/escaped", "lib/" + "a".repeat(300), "lib/ü/ä.jar",
                        "lib/util-1.0.0/app.json/x", "releases/1.1.0", "lib", "CHECKSUMS", "SIGNATURE",
                        "releases/1.1.0/release.json", "lib/counter-1.1.0/app.json", "releases/9.9.9/release.json",
                        "lib/evil-1.0.0/app.json", "./CHECKSUMS", "lib/counter-1.1.0/"),
                Arbitraries.strings().withChars("./\\abcl-_ü0:").ofMinLength(1).ofMaxLength(40));
    }

    static Arbitrary<String> jsonTokens() {
        return Arbitraries.of("null", "{}", "[]", "\"\"", "-1", "1e999", "99999999999999999999999", "\"../../x\"",
                "true", ",", ":", "\"\\u0000\"", "{\"a\":", "\"", "]", "}", "[".repeat(5000), "\"name\": \"x\",",
                "\"version\": \"not a version\",", "\"applications\": [{}],", "\"" + "v".repeat(100_000) + "\"");
    }

    static Arbitrary<FileEdit> fileEdits() {
        Arbitrary<Integer> target = Arbitraries.integers().between(0, 63);
        return Arbitraries.oneOf(
                Combinators.combine(target, hostileNames()).as(Rename::new),
                Combinators.combine(target, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1 << 16),
                        Arbitraries.integers().between(0, 8 << 20), jsonTokens()).as(Content::new),
                target.map(Remove::new),
                Combinators.combine(hostileNames(), Arbitraries.integers().between(0, 4096)).as(Add::new));
    }

    static Arbitrary<Extra> extras() {
        Arbitrary<Byte> types = Arbitraries.of(TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_CHR,
                TarConstants.LF_BLK, TarConstants.LF_FIFO, TarConstants.LF_DIR, TarConstants.LF_NORMAL,
                (byte) 'x', (byte) 'g', (byte) 'L', (byte) 'K', (byte) 'S', (byte) 0);
        Arbitrary<String> links = Arbitraries.of("/etc/passwd", "../../escaped", "CHECKSUMS", "lib", "");
        Arbitrary<Long> declared = Arbitraries.oneOf(Arbitraries.just(-1L),
                Arbitraries.longs().between(0, 1L << 40), Arbitraries.of(0L, 511L, 512L, 513L, (1L << 33) - 1));
        return Combinators.combine(hostileNames(), types, links, declared).as(Extra::new);
    }

    static Arbitrary<ByteEdit> byteEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 2),
                Arbitraries.bytes()).as(ByteEdit::new);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        // Byte edits mostly stop the reader early; most archives get none, to reach the later checks.
        Arbitrary<List<ByteEdit>> fewBytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.of())),
                net.jqwik.api.Tuple.of(1, byteEdits().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(fileEdits().list().ofMaxSize(4), Arbitraries.of(true, true, true, false),
                extras().list().ofMaxSize(2), fewBytes, fewBytes,
                Arbitraries.of("demo-1.1.0.tar.gz", "demo-1.1.0.tar.gz", "demo-1.1.0.tar.gz", "other-1.1.0.tar.gz",
                        "demo-1.tar.gz", "x.tgz")).as(Mutation::new);
    }

    // ---- the property -----------------------------------------------------------------------

    @Property
    void anyArchiveIsRefusedClearlyOrUnpackedAndNothingLeavesStaging(@ForAll("mutations") Mutation m) throws Exception {
        long n = tries.incrementAndGet();
        Path sandbox = Files.createDirectories(work.resolve("try-" + n));
        try {
            Path rootDir = sandbox.resolve("node/root");
            ReleaseUnpacker.init(rootDir, first, ArchiveLimits.DEFAULT, Progress.NONE);
            Map<String, String> before = RootSnapshot.of(rootDir);
            Path archive = sandbox.resolve("in").resolve(m.fileName());
            Files.createDirectories(archive.getParent());
            Files.write(archive, build(m));

            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            boolean ok;
            try {
                ReleaseUnpacker.unpack(ReleaseRoot.at(rootDir), archive, LIMITS, Progress.NONE);
                ok = true;
            } catch (InvalidReleaseException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(archive.getFileName() + ": ") || e.problems().isEmpty()) {
                    throw new AssertionError("an unclear refusal: " + e.getMessage(), e);
                }
                ok = false;
            } catch (IllegalStateException e) {
                // The one refusal that is not the archive's alone: an application version the root has, changed.
                if (e.getMessage() == null || !e.getMessage().contains("already in the root with different content")) {
                    throw e;
                }
                ok = false;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            mostAllocated.accumulateAndGet(allocated, Math::max);
            if (allocated > ALLOCATION_BOUND) {
                throw new AssertionError("reading a " + Files.size(archive) + "-byte archive allocated " + allocated + " bytes");
            }
            (ok ? unpacked : refused).incrementAndGet();

            List<String> outside = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(sandbox)) {
                walk.filter(p -> !p.startsWith(rootDir) && !p.startsWith(archive.getParent())
                        && !p.equals(sandbox) && !p.equals(sandbox.resolve("node"))).forEach(p -> outside.add(p.toString()));
            }
            if (Files.exists(Path.of("/tmp/hotrel-fuzz-escaped"))) {
                outside.add("/tmp/hotrel-fuzz-escaped");
            }
            if (!outside.isEmpty()) {
                throw new AssertionError("written outside the root: " + outside);
            }
            try (Stream<Path> staging = Files.list(ReleaseRoot.at(rootDir).stagingDir())) {
                List<Path> left = staging.toList();
                if (!left.isEmpty()) {
                    throw new AssertionError("left in staging: " + left);
                }
            }
            if (!ok && !before.equals(RootSnapshot.of(rootDir))) {
                throw new AssertionError("a refused archive changed the root");
            }
        } finally {
            ReleaseRoot.deleteTree(sandbox);
        }
    }

    // ---- building a mutated archive ---------------------------------------------------------

    static byte[] build(Mutation m) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>(good);
        for (FileEdit edit : m.edits()) {
            apply(files, edit);
        }
        TarBuilder tar = m.checksums() ? TarBuilder.withChecksums(files) : TarBuilder.of(files);
        for (Extra x : m.extras()) {
            if (x.declared() >= 0) {
                tar.lying(x.name(), "0123456789".repeat(100).getBytes(StandardCharsets.UTF_8), x.declared());
            } else {
                tar.special(x.name(), x.type(), x.type() == TarConstants.LF_SYMLINK || x.type() == TarConstants.LF_LINK
                        ? x.link() : null);
            }
        }
        byte[] bytes = edit(tar.tar(), m.tarEdits());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return edit(out.toByteArray(), m.gzEdits());
    }

    private static void apply(Map<String, byte[]> files, FileEdit edit) {
        List<String> names = new ArrayList<>(files.keySet());
        if (edit instanceof Add a) {
            files.put(a.name(), new byte[a.size()]);
            return;
        }
        if (names.isEmpty()) {
            return;
        }
        if (edit instanceof Rename r) {
            String from = names.get(r.target() % names.size());
            files.put(r.name(), files.remove(from));
        } else if (edit instanceof Remove r) {
            files.remove(names.get(r.target() % names.size()));
        } else if (edit instanceof Content c) {
            String name = names.get(c.target() % names.size());
            byte[] b = files.get(name);
            int at = b.length == 0 ? 0 : c.position() % b.length;
            files.put(name, switch (c.kind()) {
                case 0 -> flip(b, at);
                case 1 -> Arrays.copyOf(b, at);
                case 2 -> concat(b, new byte[c.length() % 4096]);
                case 3 -> new byte[c.length()]; // zeros compress to almost nothing: a bomb against the limits
                default -> concat(concat(Arrays.copyOf(b, at), c.token().getBytes(StandardCharsets.UTF_8)),
                        Arrays.copyOfRange(b, at, b.length));
            });
        }
    }

    private static byte[] edit(byte[] bytes, List<ByteEdit> edits) {
        for (ByteEdit e : edits) {
            if (bytes.length == 0) {
                break;
            }
            int at = e.position() % bytes.length;
            bytes = switch (e.kind()) {
                case 0 -> {
                    byte[] b = bytes.clone();
                    b[at] ^= (byte) (e.value() == 0 ? 1 : e.value());
                    yield b;
                }
                case 1 -> Arrays.copyOf(bytes, at);
                default -> concat(concat(Arrays.copyOf(bytes, at), new byte[]{e.value(), (byte) ~e.value()}),
                        Arrays.copyOfRange(bytes, at, bytes.length));
            };
        }
        return bytes;
    }

    private static byte[] flip(byte[] b, int at) {
        if (b.length == 0) {
            return new byte[]{1};
        }
        byte[] c = b.clone();
        c[at] ^= 0x5a;
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
