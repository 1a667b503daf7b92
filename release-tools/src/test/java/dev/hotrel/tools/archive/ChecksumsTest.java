package dev.hotrel.tools.archive;

import dev.hotrel.release.AppRef;
import dev.hotrel.tools.Problem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChecksumsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static List<String> problems(String text) {
        List<Problem> problems = new ArrayList<>();
        assertNull(Checksums.parse(text.getBytes(StandardCharsets.UTF_8), problems));
        return problems.stream().map(Problem::message).toList();
    }

    @Test
    void isWrittenInSha256sumFormatSortedByPath() {
        Checksums c = new Checksums(new TreeMap<>(Map.of("lib/z", A, "lib/a", B)));
        String text = new String(c.format(), StandardCharsets.UTF_8);
        assertEquals(B + "  lib/a\n" + A + "  lib/z\n", text);
        assertEquals(c, Checksums.parse(c.format(), new ArrayList<>()));
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Checksums.sha256("test".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesMalformedLinesNamingThem() {
        assertEquals(List.of("CHECKSUMS line 2: expected 64 lower-case hex digits, two spaces and a path, found 'x'"),
                problems(A + "  a\nx\n"));
        assertEquals(List.of("CHECKSUMS line 2: 'a' is listed twice"), problems(A + "  a\n" + B + "  a\n"));
        assertEquals(List.of("CHECKSUMS line 1: bad path '../a'"), problems(A + "  ../a\n"));
        assertEquals(List.of("CHECKSUMS line 1: CHECKSUMS cannot list itself"), problems(A + "  CHECKSUMS\n"));
        assertEquals(List.of("CHECKSUMS line 1: the file does not end with a newline"), problems(A + "  a"));
        assertEquals(List.of("CHECKSUMS line 1: expected 64 lower-case hex digits, two spaces and a path, found '"
                + A.toUpperCase() + "  a'"), problems(A.toUpperCase() + "  a\n"));
    }

    @Test
    void theFingerprintCoversOnlyTheReleasesApplications() {
        Checksums c = new Checksums(new TreeMap<>(Map.of("lib/a-1.0.0/app.json", A, "lib/b-1.0.0/app.json", B,
                "releases/1.0.0/release.json", A)));
        String both = Fingerprint.of(c, List.of(AppRef.of("a", "1.0.0"), AppRef.of("b", "1.0.0")));
        String onlyA = Fingerprint.of(c, List.of(AppRef.of("a", "1.0.0")));
        assertNotEquals(both, onlyA);
        Checksums otherRelease = new Checksums(new TreeMap<>(Map.of("lib/a-1.0.0/app.json", A,
                "releases/2.0.0/release.json", B)));
        assertEquals(onlyA, Fingerprint.of(otherRelease, List.of(AppRef.of("a", "1.0.0"))),
                "release files and versions do not change the fingerprint, only application content does");
        assertEquals(71, onlyA.length());
    }
}
