package dev.hotrel.tools.archive;

import dev.hotrel.tools.Progress;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchiveWriterTest {

    @TempDir
    Path tmp;

    private static Map<String, Content> files(Path jar) {
        Map<String, Content> files = new LinkedHashMap<>();
        files.put("releases/1.0.0/release.json", Content.of("{}\n".getBytes(StandardCharsets.UTF_8)));
        files.put("lib/b-1.0.0/b.jar", Content.of(jar));
        files.put("lib/a-1.0.0/app.json", Content.of("{\"a\": 1}\n".getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    @Test
    void writesChecksumsFirstThenSortedEntriesWithFixedMetadata() throws IOException {
        Path jar = Files.write(tmp.resolve("b.jar"), new byte[]{1, 2, 3});
        Path archive = tmp.resolve("out/x-1.0.0.tar.gz");
        Checksums checksums = ArchiveWriter.write(archive, files(jar), Progress.NONE);

        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
                assertEquals(ArchiveWriter.ENTRY_TIME.toEpochMilli(), e.getModTime().getTime(), e.getName());
                assertEquals(0, e.getLongUserId());
                assertEquals(0, e.getLongGroupId());
                assertEquals("", e.getUserName());
                assertEquals("", e.getGroupName());
                assertEquals(e.isDirectory() ? 040755 : 0100644, e.getMode(), e.getName());
                if (e.getName().equals("CHECKSUMS")) {
                    assertArrayEquals(checksums.format(), tar.readAllBytes());
                }
            }
        }
        assertEquals(List.of("CHECKSUMS", "lib/", "lib/a-1.0.0/", "lib/a-1.0.0/app.json", "lib/b-1.0.0/",
                "lib/b-1.0.0/b.jar", "releases/", "releases/1.0.0/", "releases/1.0.0/release.json"), names);
        byte[] bytes = Files.readAllBytes(archive);
        // gzip header: no time (bytes 4-7), no file name flag, operating system "unknown".
        assertArrayEquals(new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));
        assertEquals((byte) 255, bytes[9]);
        try (var left = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of(archive), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void theSameFilesGiveTheSameBytesWhateverTheirOrderOrFileTimes() throws IOException {
        Path jar = Files.write(tmp.resolve("b.jar"), new byte[]{1, 2, 3});
        Path one = tmp.resolve("1/x-1.0.0.tar.gz");
        ArchiveWriter.write(one, files(jar), Progress.NONE);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(12345));
        Map<String, Content> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(files(jar));
        ArchiveWriter.write(tmp.resolve("2/x-1.0.0.tar.gz"), reversed, Progress.NONE);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(tmp.resolve("2/x-1.0.0.tar.gz")));
    }

    @Test
    void refusesPathsThatAreNotPlainAndWritesNothing() {
        Map<String, Content> bad = Map.of("../x", Content.of(new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ArchiveWriter.write(tmp.resolve("x-1.0.0.tar.gz"), bad, Progress.NONE));
        assertFalse(Files.exists(tmp.resolve("x-1.0.0.tar.gz")));
    }

    @Test
    void reportsProgressUpToTheTotal() throws IOException {
        Path jar = Files.write(tmp.resolve("b.jar"), new byte[100_000]);
        long[] last = {0, 0};
        boolean[] finished = {false};
        ArchiveWriter.write(tmp.resolve("x-1.0.0.tar.gz"), files(jar), new Progress() {
            @Override
            public void update(long done, long total) {
                last[0] = done;
                last[1] = total;
            }

            @Override
            public void finish() {
                finished[0] = true;
            }
        });
        assertEquals(last[1], last[0]);
        assertEquals(true, finished[0]);
    }
}
