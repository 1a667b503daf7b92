package dev.hotrel.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a Maven project's artifactId becomes an application name, and the hotrel-app zip round trip. */
class ApplicationNameTest {

    @TempDir
    Path tmp;

    @Test
    void aValidArtifactIdIsTheNameAsItIs() {
        ApplicationName.Chosen chosen = ApplicationName.choose(null, "ledger-core", "application");
        assertEquals("ledger-core", chosen.name());
        assertNull(chosen.mapping());
    }

    @Test
    void otherArtifactIdsAreMappedSayingHow() {
        assertEquals("ledger-core", ApplicationName.map("Ledger.Core"));
        assertEquals("ledger_2fa", ApplicationName.map("ledger-2fa"));
        assertEquals("a2fa-ledger", ApplicationName.map("2fa-ledger"));
        assertEquals("web-api", ApplicationName.map("--Web__API--".replace("__", "..")));
        ApplicationName.Chosen chosen = ApplicationName.choose("", "Ledger.Core", "application");
        assertEquals("ledger-core", chosen.name());
        assertTrue(chosen.mapping().startsWith("the artifactId 'Ledger.Core' is not a valid application name; using "
                + "'ledger-core'"), chosen.mapping());
    }

    @Test
    void aConfiguredNameIsTakenAsItIsOrRefused() {
        assertEquals("books", ApplicationName.choose("books", "ledger-core", "release").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApplicationName.choose("Books", "ledger-core", "release"));
        assertTrue(e.getMessage().startsWith("bad release name 'Books': expected"), e.getMessage());
    }

    @Test
    void anApplicationFolderTravelsAsAReproducibleZip() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("lib/ledger-core-1.0.0"));
        Files.writeString(folder.resolve("app.json"), "{}\n");
        Files.write(folder.resolve("ledger-core-1.0.0.jar"), new byte[]{1, 2, 3});
        AppArtifact.write(folder, tmp.resolve("a.zip"));
        Files.setLastModifiedTime(folder.resolve("app.json"), java.nio.file.attribute.FileTime.fromMillis(0));
        AppArtifact.write(folder, tmp.resolve("b.zip"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.zip")), Files.readAllBytes(tmp.resolve("b.zip")));

        Path unpacked = AppArtifact.unpack(tmp.resolve("a.zip"), tmp.resolve("out"));
        assertEquals(tmp.resolve("out/ledger-core-1.0.0"), unpacked);
        try (var files = Files.list(unpacked)) {
            assertEquals(List.of("app.json", "ledger-core-1.0.0.jar"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(unpacked.resolve("ledger-core-1.0.0.jar")));
    }
}
