package dev.hotrel.tools.archive;

import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link ArchiveReader} unpacked into a folder.
 *
 * @param dir the folder
 * @param files path → SHA-256 of the bytes written (computed while writing, so they are the
 *              bytes on disk)
 * @param dirs folder paths, without trailing {@code /}, explicit in the archive or implied by a file
 */
public record ExtractedFiles(Path dir, SortedMap<String, String> files, SortedSet<String> dirs) {

    public ExtractedFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        dirs = Collections.unmodifiableSortedSet(new TreeSet<>(dirs));
    }
}
