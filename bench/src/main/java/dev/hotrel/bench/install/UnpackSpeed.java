package dev.hotrel.bench.install;

import dev.hotrel.release.root.ReleaseRoot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code unpack_200mb_ms} against {@code tar_sha256_200mb_ms}: the release counter-1.2.0, whose
 * second jar holds a resource of random bytes (about 200 MB, so the archive is as large), unpacked
 * through the release handler ({@code ReleaseHandler.unpackRelease}, which verifies every file's
 * SHA-256 and forces every file to the disk) into a fresh root of a running node, against
 * {@code tar xzf} of the same archive into a fresh folder plus {@code sha256sum} of it, run as one
 * subprocess ({@code sh -c}). Samples alternate which of the two goes first; the archive is in the
 * page cache for both (it was just written, and copied into the inbox before each unpack, untimed).
 */
public final class UnpackSpeed {

    private UnpackSpeed() {
    }

    public static void main(String[] args) {
        Child.main("unpack", args, UnpackSpeed::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        Path big = work.resolve("releases/big/archives/counter-1.2.0.tar.gz");
        CounterReleases.Pair small = CounterReleases.archives(work, "plain");
        long mb = Math.round(Files.size(big) / 1e6);
        List<Double> unpack = new ArrayList<>();
        List<Double> tar = new ArrayList<>();
        for (int i = 0; i < plan.unpackSamples(); i++) {
            if (i % 2 == 0) {
                unpack.add(unpack(work, small, big, i));
                tar.add(tar(work, big, i));
            } else {
                tar.add(tar(work, big, i));
                unpack.add(unpack(work, small, big, i));
            }
            Log.say("unpack " + (i + 1) + "/" + plan.unpackSamples() + " of " + mb + " MB: hotrel " + Math.round(unpack.get(i))
                    + " ms, tar+sha256sum " + Math.round(tar.get(i)) + " ms");
        }
        Figure.print("unpack_200mb_ms", Stats.median(unpack), "ms");
        Figure.print("tar_sha256_200mb_ms", Stats.median(tar), "ms");
    }

    /** One unpack through the handler into a fresh root; ms. */
    private static double unpack(Path work, CounterReleases.Pair small, Path big, int i) throws Exception {
        Path root = work.resolve("roots/unpack-" + i);
        double took;
        try (BenchNode node = BenchNode.create(root, small.v100(), false)) {
            if (i == 0) {
                node.unpack(small.v110()); // the unpack path's code is warm, as in a node that has run
            }
            node.deliver(big);
            long t0 = System.nanoTime();
            node.handler.unpackRelease(big.getFileName().toString());
            took = Stats.ms(System.nanoTime() - t0);
        }
        ReleaseRoot.deleteTree(root);
        return took;
    }

    /** One {@code tar xzf} into a fresh folder plus {@code sha256sum}, as one subprocess; ms. */
    private static double tar(Path work, Path big, int i) throws Exception {
        Path dir = work.resolve("tar-" + i);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "tar xzf \"$1\" -C \"$2\" && sha256sum \"$1\" >/dev/null", "sh",
                big.toString(), dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("tar xzf + sha256sum of " + big + " failed");
        }
        double took = Stats.ms(System.nanoTime() - t0);
        ReleaseRoot.deleteTree(dir);
        return took;
    }
}
