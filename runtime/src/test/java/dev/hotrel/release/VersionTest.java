package dev.hotrel.release;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void parsesAndPrintsSemanticVersions() {
        for (String text : List.of("0.0.0", "1.2.3", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha-1.x", "1.0.0+build.7",
                "2.1.0-beta.2+sha.5114f85")) {
            assertEquals(text, Version.parse(text).toString());
        }
        Version v = Version.parse("2.1.0-rc.1+b7");
        assertEquals(2, v.major());
        assertEquals(List.of("rc", "1"), v.preRelease());
        assertEquals(List.of("b7"), v.build());
        assertEquals(Version.parse("1.2.3"), Version.of(1, 2, 3));
    }

    @Test
    void refusesMalformedVersionsSayingWhatIsExpected() {
        for (String text : List.of("", "1", "1.0", "1.0.x", "01.0.0", "1.0.0-", "1.0.0-01", "v1.0.0", "1.0.0 ",
                "1..0", "1.0.0+")) {
            ManifestException e = assertThrows(ManifestException.class, () -> Version.parse(text), text);
            assertTrue(e.getMessage().contains("bad version '" + text + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("MAJOR.MINOR.PATCH"), e.getMessage());
        }
    }

    @Test
    void ordersBySemverPrecedence() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0");
        List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertEquals(ordered, shuffled.stream().map(Version::toString).toList());
        assertEquals(0, Version.parse("1.0.0+a").compareTo(Version.parse("1.0.0+b")));
        assertFalse(Version.parse("1.0.0+a").equals(Version.parse("1.0.0+b")));
    }

    @Test
    void patternsMatchPrefixesAndExactVersions() {
        VersionPattern minor = VersionPattern.parse("1.0.*");
        assertTrue(minor.matches(Version.parse("1.0.0")));
        assertTrue(minor.matches(Version.parse("1.0.17")));
        assertTrue(minor.matches(Version.parse("1.0.0-rc.1")));
        assertFalse(minor.matches(Version.parse("1.1.0")));
        assertFalse(minor.matches(Version.parse("11.0.0")));
        assertTrue(VersionPattern.parse("1.*").matches(Version.parse("1.9.3")));
        assertFalse(VersionPattern.parse("1.*").matches(Version.parse("2.0.0")));
        assertTrue(VersionPattern.parse("*").matches(Version.parse("0.0.1")));
        assertTrue(VersionPattern.parse("1.0.2").matches(Version.parse("1.0.2")));
        assertFalse(VersionPattern.parse("1.0.2").matches(Version.parse("1.0.3")));
        for (String bad : List.of("1.0.*.*", "1.*.0", "1.0.0.*", "x", "1.0", "**", "1.0*")) {
            ManifestException e = assertThrows(ManifestException.class, () -> VersionPattern.parse(bad), bad);
            assertTrue(e.getMessage().contains("bad version pattern '" + bad + "'"), e.getMessage());
        }
    }
}
