package dev.hotrel.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The artifact by which an application version travels from its project to the releases that name
 * it: its folder {@code APP-VSN/} (app.json, appup.json, jars) as a zip, attached to the project
 * with classifier {@value #CLASSIFIER} and type {@value #TYPE}, so that {@code mvn install} and
 * {@code deploy} publish it and a release resolves it like any artifact. Reproducible: entries in
 * name order, one fixed time.
 */
final class AppArtifact {

    static final String CLASSIFIER = "hotrel-app";
    static final String TYPE = "zip";
    /** As ArchiveWriter's entries: a fixed time, so the same folder gives the same bytes. */
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(946_684_800_000L);

    private AppArtifact() {
    }

    /** Zips {@code folder} (flat: files only) under its own name into {@code zip}. */
    static void write(Path folder, Path zip) throws IOException {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        String prefix = folder.getFileName() + "/";
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry dir = new ZipEntry(prefix);
            dir.setLastModifiedTime(ENTRY_TIME);
            z.putNextEntry(dir);
            z.closeEntry();
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(prefix + file.getFileName());
                entry.setLastModifiedTime(ENTRY_TIME);
                z.putNextEntry(entry);
                Files.copy(file, z);
                z.closeEntry();
            }
        }
    }

    /**
     * Unzips an application artifact into {@code lib}, giving {@code lib/APP-VSN/}.
     *
     * @return the folder it holds
     * @throws IOException if the zip is not one folder of plain files
     */
    static Path unpack(Path zip, Path lib) throws IOException {
        Path folder = null;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                String[] parts = e.getName().split("/");
                if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty() || parts[0].startsWith(".")
                        || (parts.length == 2 && (parts[1].isEmpty() || parts[1].startsWith(".")))
                        || e.getName().contains("\\")) {
                    throw new IOException(zip + ": not an application artifact (unexpected entry " + e.getName() + ")");
                }
                Path dir = lib.resolve(parts[0]);
                if (folder != null && !folder.equals(dir)) {
                    throw new IOException(zip + ": not an application artifact (two folders: " + folder.getFileName()
                            + ", " + parts[0] + ")");
                }
                folder = dir;
                Files.createDirectories(dir);
                if (parts.length == 2 && !e.isDirectory()) {
                    Files.copy(z, dir.resolve(parts[1]));
                }
            }
        }
        if (folder == null) {
            throw new IOException(zip + ": an empty application artifact");
        }
        return folder;
    }
}
