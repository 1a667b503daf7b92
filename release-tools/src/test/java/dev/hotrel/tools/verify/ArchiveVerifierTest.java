package dev.hotrel.tools.verify;

import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.TarBuilder;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Archives whose files are intact (CHECKSUMS match) but whose manifests or plans are wrong. */
class ArchiveVerifierTest {

    @TempDir
    static Path shared;
    static Map<String, byte[]> files;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pack() throws Exception {
        Path first = Packer.pack(new PackRequest(Fixtures.descriptor("1.0.0"), List.of(Fixtures.lib()), List.of(),
                shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        files = TarBuilder.files(Packer.pack(new PackRequest(Fixtures.descriptor("1.1.0"), List.of(Fixtures.lib()),
                List.of(first), shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive());
    }

    private List<String> problems(String file, UnaryOperator<String> edit) throws Exception {
        Map<String, byte[]> edited = new java.util.LinkedHashMap<>(files);
        String text = edited.containsKey(file) ? new String(edited.get(file), StandardCharsets.UTF_8) : null;
        edited.put(file, edit.apply(text).getBytes(StandardCharsets.UTF_8));
        Path archive = TarBuilder.withChecksums(edited).writeTo(tmp.resolve("demo-1.1.0.tar.gz"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class,
                () -> ArchiveVerifier.verify(archive, ArchiveLimits.DEFAULT, Progress.NONE));
        return e.problems().stream().map(Problem::message).toList();
    }

    @Test
    void aPlanThatDoesNotEndInThisReleaseIsRefused() throws Exception {
        assertEquals(List.of("relup.json: upgrade from 1.0.0 changes counter to counter@1.2.0, but release demo-1.1.0 "
                        + "has counter@1.1.0"),
                problems("releases/1.1.0/relup.json", t -> t.replaceFirst("\"to\": \"1.1.0\"", "\"to\": \"1.2.0\"")));
    }

    @Test
    void anUpgradeWithoutItsDowngradeIsRefused() throws Exception {
        assertEquals(List.of("relup.json: upgrade from 1.0.0 has no downgrade plan back to 1.0.0"),
                problems("releases/1.1.0/relup.json", t -> t.substring(0, t.indexOf("\"downTo\"")) + "\"downTo\": []}"));
    }

    @Test
    void anInstructionForAServerThisReleaseDoesNotHaveIsRefused() throws Exception {
        assertEquals(List.of("relup.json, upgrade from 1.0.0, application counter: 'update' names server 'ghost', "
                        + "which counter@1.1.0 does not list in its app.json servers"),
                problems("releases/1.1.0/relup.json", t -> t.replaceFirst("\"update\": \"counter\"", "\"update\": \"ghost\"")));
    }

    @Test
    void configurationForAnApplicationNotInTheReleaseIsRefused() throws Exception {
        assertEquals(List.of("releases/1.1.0/sys.json: metrics: configuration for an application that release "
                        + "demo-1.1.0 does not include"),
                problems("releases/1.1.0/sys.json", t -> "{\"metrics\": {\"port\": 9100}}"));
    }

    @Test
    void aReleaseJsonWithoutFingerprintIsRefused() throws Exception {
        List<String> problems = problems("releases/1.1.0/release.json",
                t -> t.replaceFirst(",\\s*\"fingerprint\": \"[^\"]+\"", ""));
        assertEquals(1, problems.size());
        assertEquals(true, problems.get(0).startsWith("release.json of demo-1.1.0 says fingerprint nothing, but its "
                + "applications' content gives sha256:"), problems.get(0));
    }
}
