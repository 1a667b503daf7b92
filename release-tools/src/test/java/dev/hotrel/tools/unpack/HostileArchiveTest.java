package dev.hotrel.tools.unpack;

import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.TarBuilder;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hostile or broken archive of the issue, built by the test itself, is refused with a clear
 * message, writes nothing outside the staging folder, and leaves the root exactly as it was.
 */
class HostileArchiveTest {

    @TempDir
    static Path shared;
    static Path first;
    static Path good;
    static Map<String, byte[]> files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packGoodArchives() throws Exception {
        first = Packer.pack(new PackRequest(Fixtures.descriptor("1.0.0"), List.of(Fixtures.lib()), List.of(),
                shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        good = Packer.pack(new PackRequest(Fixtures.descriptor("1.1.0"), List.of(Fixtures.lib()),
                List.of(first), shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        files = TarBuilder.files(good);
    }

    /** Builds the archive of one case in {@code dir}, from the good archive's files. */
    interface Build {
        Path in(Path dir, Map<String, byte[]> files) throws IOException;
    }

    record Case(String name, Build build, Code code, String message, ArchiveLimits limits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Path named(Path dir) {
        return dir.resolve("demo-1.1.0.tar.gz");
    }

    static Map<String, byte[]> edit(Map<String, byte[]> files, String path, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        if (content == null) {
            copy.remove(path);
        } else {
            copy.put(path, content);
        }
        return copy;
    }

    static String jar() {
        return "lib/counter-1.1.0/counter.jar";
    }

    static Stream<Case> cases() {
        ArchiveLimits d = ArchiveLimits.DEFAULT;
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                new Case("entry with '..'", (dir, f) -> TarBuilder.withChecksums(f)
                        .file("../../../../escaped.txt", x).writeTo(named(dir)),
                        Code.UNSAFE_PATH, "entry '../../../../escaped.txt' contains '..'; refused because unpacking "
                        + "it could write outside the release", d),
                new Case("entry with '..' inside a path", (dir, f) -> TarBuilder.withChecksums(f)
                        .file("lib/../../escaped.txt", x).writeTo(named(dir)),
                        Code.UNSAFE_PATH, "entry 'lib/../../escaped.txt' contains '..'", d),
                new Case("absolute path", (dir, f) -> TarBuilder.withChecksums(f)
                        .file(dir.toAbsolutePath().resolve("absolute.txt").toString(), x).writeTo(named(dir)),
                        Code.UNSAFE_PATH, "is an absolute path", d),
                new Case("symbolic link", (dir, f) -> TarBuilder.withChecksums(f)
                        .special("lib/counter-1.1.0/evil", TarConstants.LF_SYMLINK, "/etc/passwd").writeTo(named(dir)),
                        Code.LINK, "entry 'lib/counter-1.1.0/evil' is a symbolic link (to '/etc/passwd'); archives may "
                        + "hold only files and folders", d),
                new Case("hard link", (dir, f) -> TarBuilder.withChecksums(f)
                        .special("lib/counter-1.1.0/evil", TarConstants.LF_LINK, "CHECKSUMS").writeTo(named(dir)),
                        Code.LINK, "is a hard link (to 'CHECKSUMS')", d),
                new Case("character device", (dir, f) -> TarBuilder.withChecksums(f)
                        .special("lib/tty", TarConstants.LF_CHR, null).writeTo(named(dir)),
                        Code.SPECIAL_FILE, "entry 'lib/tty' is a character device", d),
                new Case("block device", (dir, f) -> TarBuilder.withChecksums(f)
                        .special("lib/sda", TarConstants.LF_BLK, null).writeTo(named(dir)),
                        Code.SPECIAL_FILE, "entry 'lib/sda' is a block device", d),
                new Case("FIFO", (dir, f) -> TarBuilder.withChecksums(f)
                        .special("lib/pipe", TarConstants.LF_FIFO, null).writeTo(named(dir)),
                        Code.SPECIAL_FILE, "entry 'lib/pipe' is a FIFO", d),
                new Case("duplicate entry", (dir, f) -> TarBuilder.withChecksums(f)
                        .file("releases/1.1.0/release.json", f.get("releases/1.1.0/release.json")).writeTo(named(dir)),
                        Code.DUPLICATE_ENTRY, "entry 'releases/1.1.0/release.json' appears twice in the archive", d),
                new Case("file and folder of one name", (dir, f) -> TarBuilder.withChecksums(f)
                        .file("lib/counter-1.1.0/counter.jar/x", x).writeTo(named(dir)),
                        Code.PATH_CONFLICT, "entry 'lib/counter-1.1.0/counter.jar/x' needs a folder where the archive "
                        + "already has a file", d),
                new Case("folder entry under a file (found by ArchiveFuzzTest)", (dir, f) -> TarBuilder.withChecksums(f)
                        .dir("lib/counter-1.1.0/counter.jar/x").writeTo(named(dir)),
                        Code.PATH_CONFLICT, "entry 'lib/counter-1.1.0/counter.jar/x' needs a folder where the archive "
                        + "already has a file", d),
                new Case("entry above the size limit (bomb)", (dir, f) -> TarBuilder.withChecksums(
                        edit(f, "lib/counter-1.1.0/zeros.bin", new byte[1 << 20])).writeTo(named(dir)),
                        Code.ENTRY_TOO_LARGE, "entry 'lib/counter-1.1.0/zeros.bin' declares 1048576 bytes, more than "
                        + "the limit of 65536 bytes per entry", d.withMaxEntrySize(64 << 10)),
                new Case("archive above the total limit", (dir, f) -> TarBuilder.withChecksums(f).writeTo(named(dir)),
                        Code.ARCHIVE_TOO_LARGE, "the archive unpacks to more than 2000 bytes", d.withMaxTotalSize(2000)),
                new Case("entry larger than declared", (dir, f) -> TarBuilder.withChecksums(f)
                        .lying("lib/counter-1.1.0/notes.txt", "0123456789".repeat(60).getBytes(StandardCharsets.UTF_8), 10)
                        .writeTo(named(dir)),
                        Code.CORRUPT, "the archive is corrupt: the header of entry '234567890", d),
                new Case("truncated gzip", (dir, f) -> write(named(dir), Arrays.copyOf(bytes(good), bytes(good).length / 2)),
                        Code.CORRUPT, "the archive is corrupt: it ends too early (truncated, perhaps an incomplete "
                        + "download)", d),
                new Case("gzip without its trailer", (dir, f) -> write(named(dir),
                        Arrays.copyOf(bytes(good), bytes(good).length - 4)),
                        Code.CORRUPT, "it ends too early", d),
                new Case("data after the gzip stream", (dir, f) -> write(named(dir), concat(bytes(good), x)),
                        Code.CORRUPT, "data after the end of the gzip stream", d),
                new Case("not gzip at all", (dir, f) -> write(named(dir), "hello".getBytes(StandardCharsets.UTF_8)),
                        Code.CORRUPT, "not a gzip file", d),
                new Case("checksum mismatch", (dir, f) -> TarBuilder.of(edit(f, jar(), concat(f.get(jar()), x)))
                        .writeTo(named(dir)),
                        Code.CHECKSUM_MISMATCH, "'lib/counter-1.1.0/counter.jar' does not match CHECKSUMS: expected "
                        + "SHA-256 ", d),
                new Case("file missing from CHECKSUMS", (dir, f) -> TarBuilder.of(
                        edit(f, "lib/counter-1.1.0/extra.txt", x)).writeTo(named(dir)),
                        Code.NOT_IN_CHECKSUMS, "'lib/counter-1.1.0/extra.txt' is in the archive but not in CHECKSUMS", d),
                new Case("CHECKSUMS lists a file that is not there", (dir, f) -> TarBuilder.of(edit(f, jar(), null))
                        .writeTo(named(dir)),
                        Code.MISSING_FILE, "'lib/counter-1.1.0/counter.jar' is listed in CHECKSUMS but not in the archive", d),
                new Case("no CHECKSUMS", (dir, f) -> TarBuilder.of(edit(f, "CHECKSUMS", null)).writeTo(named(dir)),
                        Code.NO_CHECKSUMS, "the archive has no CHECKSUMS file", d),
                new Case("malformed CHECKSUMS", (dir, f) -> TarBuilder.of(edit(f, "CHECKSUMS",
                        "abc  x\n".getBytes(StandardCharsets.UTF_8))).writeTo(named(dir)),
                        Code.BAD_CHECKSUMS, "CHECKSUMS line 1: expected 64 lower-case hex digits, two spaces and a path", d),
                new Case("invalid JSON", (dir, f) -> TarBuilder.withChecksums(edit(f, "releases/1.1.0/release.json",
                        "{\"name\": \"demo\",".getBytes(StandardCharsets.UTF_8))).writeTo(named(dir)),
                        Code.BAD_MANIFEST, "releases/1.1.0/release.json: invalid JSON at line 1, column 17", d),
                new Case("release name disagrees with the file name", (dir, f) -> TarBuilder.withChecksums(f)
                        .writeTo(dir.resolve("other-1.1.0.tar.gz")),
                        Code.NAME_MISMATCH, "archive file name other-1.1.0.tar.gz says release other 1.1.0, but its "
                        + "release.json says demo-1.1.0 (expected demo-1.1.0.tar.gz)", d),
                new Case("release version disagrees with the file name", (dir, f) -> TarBuilder.withChecksums(f)
                        .writeTo(dir.resolve("demo-1.2.0.tar.gz")),
                        Code.NAME_MISMATCH, "archive file name demo-1.2.0.tar.gz says release demo 1.2.0", d),
                new Case("file name that is no release name", (dir, f) -> TarBuilder.withChecksums(f)
                        .writeTo(dir.resolve("release.tgz")),
                        Code.BAD_FILE_NAME, "archive file name 'release.tgz' is not NAME-VERSION.tar.gz", d),
                new Case("application folder disagrees with its app.json", (dir, f) -> TarBuilder.withChecksums(
                        edit(f, "lib/counter-1.1.0/app.json", new String(f.get("lib/counter-1.1.0/app.json"),
                                StandardCharsets.UTF_8).replace("\"1.1.0\"", "\"1.2.0\"").getBytes(StandardCharsets.UTF_8)))
                        .writeTo(named(dir)),
                        Code.NAME_MISMATCH, "lib/counter-1.1.0/app.json says counter@1.2.0, but its folder is "
                        + "counter-1.1.0 (expected counter-1.2.0)", d),
                new Case("application the release names is missing", (dir, f) -> {
                    Map<String, byte[]> left = new LinkedHashMap<>(f);
                    left.keySet().removeIf(p -> p.startsWith("lib/util-1.0.0/"));
                    return TarBuilder.withChecksums(left).writeTo(named(dir));
                }, Code.MISSING_APPLICATION, "release demo-1.1.0 names application util@1.0.0, but the archive has no "
                        + "folder lib/util-1.0.0/", d),
                new Case("unexpected entry", (dir, f) -> TarBuilder.withChecksums(edit(f, "README", x)).writeTo(named(dir)),
                        Code.UNEXPECTED_ENTRY, "unexpected entry 'README'", d),
                new Case("content that does not match the fingerprint", (dir, f) -> TarBuilder.withChecksums(
                        edit(f, jar(), concat(f.get(jar()), x))).writeTo(named(dir)),
                        Code.FINGERPRINT_MISMATCH, "release.json of demo-1.1.0 says fingerprint sha256:", d));
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedAndLeavesTheRootUntouched(Case c) throws Exception {
        Path rootDir = tmp.resolve("node/root");
        ReleaseUnpacker.init(rootDir, first, ArchiveLimits.DEFAULT, Progress.NONE);
        ReleaseRoot root = ReleaseRoot.at(rootDir);
        Map<String, String> before = RootSnapshot.of(rootDir);
        Path archive = c.build().in(tmp.resolve("in"), files);

        InvalidReleaseException e = assertThrows(InvalidReleaseException.class,
                () -> ReleaseUnpacker.unpack(root, archive, c.limits(), Progress.NONE));
        assertTrue(e.has(c.code()), e.problems().toString());
        assertTrue(e.getMessage().contains(c.message()), e.getMessage());
        assertTrue(e.getMessage().startsWith(archive.getFileName() + ": "), e.getMessage());

        assertEquals(before, RootSnapshot.of(rootDir));
        try (Stream<Path> staging = Files.list(root.stagingDir())) {
            assertEquals(0, staging.count());
        }
        for (Path outside : List.of(tmp.resolve("escaped.txt"), tmp.resolve("node/escaped.txt"),
                tmp.resolve("in/absolute.txt"), rootDir.resolve(".staging/escaped.txt"))) {
            assertFalse(Files.exists(outside), outside + " was written");
        }
        // verify says the same, and leaves no temporary folder behind either.
        InvalidReleaseException again = assertThrows(InvalidReleaseException.class,
                () -> dev.hotrel.tools.verify.ArchiveVerifier.verify(archive, c.limits(), Progress.NONE));
        assertEquals(e.problems(), again.problems());
    }
}
