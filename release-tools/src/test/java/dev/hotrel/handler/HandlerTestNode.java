package dev.hotrel.handler;

import dev.hotrel.config.Config;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.Node;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.node.NodeArchives;
import dev.hotrel.tools.unpack.ReleaseUnpacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** A node booted from a real release root made by {@code hotrel init} from the fixture archives. */
final class HandlerTestNode implements AutoCloseable {

    final ReleaseRoot root;
    /** Settings the node boots with, as flags would give them. */
    Map<dev.hotrel.config.ConfigKey, String> settings = Map.of();
    Node node;
    ReleaseHandler handler;

    private HandlerTestNode(ReleaseRoot root) throws IOException {
        this.root = root;
        boot();
    }

    /** A new root whose permanent release is demo-1.0.0, with 1.1.0 and 2.0.0 waiting in its inbox. */
    static HandlerTestNode create(Path dir) throws Exception {
        return create(dir, "1.0.0", "1.1.0", "2.0.0");
    }

    /** A new root whose permanent release is fixture archive {@code permanent}, with {@code inbox} waiting in its inbox. */
    static HandlerTestNode create(Path dir, String permanent, String... inbox) throws Exception {
        Path rootDir = dir.resolve("root");
        ReleaseUnpacker.init(rootDir, FixtureReleases.archive(permanent), ArchiveLimits.DEFAULT, Progress.NONE);
        ReleaseRoot root = ReleaseRoot.open(rootDir);
        for (String v : inbox) {
            Path archive = FixtureReleases.archive(v);
            Files.copy(archive, root.inbox().resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return new HandlerTestNode(root);
    }

    void boot() throws IOException {
        node = Node.start();
        try {
            handler = ReleaseHandler.boot(node, root, new NodeArchives(ArchiveLimits.DEFAULT),
                    Config.of(settings, Map.of(), Map.of()));
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Stops the node as a crash or a restart would, and boots a new one on the same root. */
    void restart() throws IOException {
        node.close();
        boot();
    }

    @Override
    public void close() {
        node.close();
    }
}
