package dev.hotrel.tools.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The content of one file that goes into an archive: bytes built in memory (a manifest) or a file
 * on disk (a jar), read only when the archive is written.
 */
public sealed interface Content {

    long size() throws IOException;

    InputStream open() throws IOException;

    static Content of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static Content of(Path file) {
        return new File(file);
    }

    /** Bytes in memory. */
    record Bytes(byte[] bytes) implements Content {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** A file on disk. */
    record File(Path path) implements Content {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public long size() throws IOException {
            return Files.size(path);
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
