package dev.hotrel.tools.unpack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Appup;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Relup;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.Version;
import dev.hotrel.tools.Fixtures;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fuzzer over the manifest parsers: the good {@code release.json}, {@code relup.json},
 * {@code app.json}, {@code appup.json}, {@code sys.json} and {@code RELEASES.json} of a packed
 * release, mangled at random (tokens inserted, ranges cut or doubled, characters swapped, deep
 * nesting, huge numbers and strings), each read by {@link Manifests#read(byte[], Class, String)}
 * as the node and the tools read them: it returns a manifest or throws our
 * {@link ManifestException} naming the file, nothing else (no parser exception, no
 * NullPointerException, no stack overflow).
 */
class ManifestFuzzTest {

    record Sample(String file, Class<?> type, String json) {
    }

    /** kind: 0 insert the token, 1 cut, 2 double the range, 3 replace a character by the token's first. */
    record Edit(int kind, int position, int length, String token) {
    }

    static final List<Sample> SAMPLES = new ArrayList<>();
    static final AtomicLong tries = new AtomicLong();
    static final AtomicLong read = new AtomicLong();

    @BeforeContainer
    static void readGoodManifests() throws Exception {
        Path packed = Files.createTempDirectory("manifest-fuzz");
        try {
            Path first = Packer.pack(new PackRequest(Fixtures.descriptor("1.0.0"), List.of(Fixtures.lib()), List.of(),
                    packed, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
            Path second = Packer.pack(new PackRequest(Fixtures.descriptor("1.1.0"), List.of(Fixtures.lib()),
                    List.of(first), packed, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
            Map<String, Class<?>> types = Map.of(Manifests.RELEASE, Release.class, Manifests.RELUP, Relup.class,
                    Manifests.APP, AppSpec.class, Manifests.APPUP, Appup.class, Manifests.SYS, SysConfig.class);
            TarBuilder.files(second).forEach((name, bytes) -> {
                Class<?> type = types.get(name.substring(name.lastIndexOf('/') + 1));
                if (type != null) {
                    SAMPLES.add(new Sample(name, type, new String(bytes, StandardCharsets.UTF_8)));
                }
            });
            Releases releases = new Releases(List.of(
                    new ReleaseEntry("demo", Version.parse("1.0.0"), Version.parse("0.1.0"), ReleaseStatus.PERMANENT,
                            "sha256:" + "a".repeat(64), List.of(AppRef.of("counter", "1.0.0"))),
                    new ReleaseEntry("demo", Version.parse("1.1.0"), Version.parse("0.1.0"), ReleaseStatus.UNPACKED,
                            "sha256:" + "b".repeat(64), List.of(AppRef.of("counter", "1.1.0"), AppRef.of("util", "1.0.0")))));
            SAMPLES.add(new Sample(Manifests.RELEASES, Releases.class,
                    new String(Manifests.toJson(releases), StandardCharsets.UTF_8)));
        } finally {
            dev.hotrel.release.root.ReleaseRoot.deleteTree(packed);
        }
        if (SAMPLES.stream().noneMatch(x -> x.type() == SysConfig.class)) {
            SAMPLES.add(new Sample("releases/1.1.0/" + Manifests.SYS, SysConfig.class,
                    "{\"counter\": {\"greeting\": \"hi\", \"limit\": 3, \"hosts\": [\"a\", \"b\"]}}"));
        }
        if (SAMPLES.stream().map(Sample::type).distinct().count() < 6) {
            throw new IllegalStateException("the packed release lacks a manifest type: " + SAMPLES);
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("manifest fuzzer: " + tries + " texts tried over " + SAMPLES.size() + " manifests, " + read
                + " read as valid, the rest refused with a ManifestException");
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(SAMPLES);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.of("null", "{}", "[]", "\"\"", "-1", "0", "1e999", "-1e999", "99999999999999999999999",
                        "1.5", "\"../../x\"", "true", ",", ":", "\"\\u0000\"", "\"\\ud800\"", "{\"a\":", "\"", "]", "}",
                        "[".repeat(3000), "{\"x\":".repeat(3000), "\"" + "v".repeat(100_000) + "\"", "\"1.0.0\"",
                        "\"1.*\"", "\"*\"", "\"restartNode\"", "{\"update\": \"a\"}", "{\"apply\": {}}", "[{}]", "\"permanent\"",
                        "\"current\"", "/* */", "\u00ff", "\ufeff"),
                Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers().between(0, 64), tokens).as(Edit::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property
    void anyManifestTextIsReadOrRefusedWithAManifestException(@ForAll("samples") Sample sample,
                                                              @ForAll("edits") List<Edit> edits) {
        tries.incrementAndGet();
        String text = sample.json();
        for (Edit e : edits) {
            text = apply(text, e);
        }
        try {
            Manifests.read(text.getBytes(StandardCharsets.UTF_8), sample.type(), sample.file());
            read.incrementAndGet();
        } catch (ManifestException e) {
            if (e.getMessage() == null || !e.getMessage().contains(sample.file())) {
                throw new AssertionError("a refusal that does not name " + sample.file() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String apply(String text, Edit e) {
        int at = text.isEmpty() ? 0 : e.position() % (text.length() + 1);
        int end = Math.min(text.length(), at + e.length());
        return switch (e.kind()) {
            case 0 -> text.substring(0, at) + e.token() + text.substring(at);
            case 1 -> text.substring(0, at) + text.substring(end);
            case 2 -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
            default -> at >= text.length() || e.token().isEmpty() ? text
                    : text.substring(0, at) + e.token().charAt(0) + text.substring(at + 1);
        };
    }
}
