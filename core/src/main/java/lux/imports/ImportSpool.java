package lux.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Uploaded files waiting for their import, one per job ({@code import-<id>.csv} in
 * {@code lux.imports.spool-directory}), so a file left behind by a crash can be found by
 * its job and removed.
 */
@Component
class ImportSpool {

    private static final Logger log = LoggerFactory.getLogger(ImportSpool.class);

    private static final String PREFIX = "import-";

    private static final String SUFFIX = ".csv";

    private final Path directory;

    private final long maxBytes;

    ImportSpool(ImportProperties properties) {
        this.directory = properties.spool();
        this.maxBytes = properties.maxFileSize().toBytes();
    }

    Path file(long importId) {
        return directory.resolve(PREFIX + importId + SUFFIX);
    }

    /**
     * Stores the upload for import {@code importId}, refusing it past
     * {@code lux.imports.max-file-size}.
     */
    void save(long importId, InputStream content) {
        Path file = file(importId);
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = content.read(buffer)) >= 0;) {
                    total += n;
                    if (total > maxBytes) {
                        throw FetchedBody.tooLarge(SafeFileFetcher.shown(maxBytes));
                    }
                    out.write(buffer, 0, n);
                }
            }
        }
        catch (IOException e) {
            delete(importId);
            throw new UncheckedIOException("Could not store the uploaded file", e);
        }
        catch (RuntimeException e) {
            delete(importId);
            throw e;
        }
    }

    ImportSource source(long importId) {
        return ImportSource.of(file(importId));
    }

    void delete(long importId) {
        try {
            Files.deleteIfExists(file(importId));
        }
        catch (IOException e) {
            log.warn("Could not delete the spooled upload of import {}: {}", importId, e.toString());
        }
    }

    /**
     * Whether the upload was last written before {@code instant} (a missing file counts
     * as old).
     */
    boolean untouchedSince(long importId, java.time.Instant instant) {
        try {
            return Files.getLastModifiedTime(file(importId)).toInstant().isBefore(instant);
        }
        catch (IOException e) {
            return true;
        }
    }

    /** The imports that have a file waiting. */
    List<Long> spooled() {
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                if (id.matches("[0-9]{1,18}")) {
                    ids.add(Long.parseLong(id));
                }
            }
        }
        catch (IOException e) {
            log.warn("Could not list the import spool {}: {}", directory, e.toString());
        }
        return ids;
    }

}
