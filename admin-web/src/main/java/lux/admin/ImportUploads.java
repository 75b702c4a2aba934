package lux.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lux.audit.Actor;
import lux.imports.ContactImportService;
import lux.imports.ImportEvent;
import lux.imports.ImportMode;
import lux.imports.ImportRequest;
import lux.imports.ImportSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Starts background imports of uploaded files (console and API). The upload is copied to a temporary file because
 * the import reads it later on another thread; the file is deleted when the import finishes.
 */
@Component
public class ImportUploads {
    private final ContactImportService imports;
    private final Map<Long, Path> files = new ConcurrentHashMap<>();

    ImportUploads(ContactImportService imports) {
        this.imports = imports;
    }

    public long start(MultipartFile upload, Set<String> tags, ImportMode mode, Actor actor) {
        if (upload == null || upload.isEmpty()) {
            throw new lux.shared.InvalidInputException("file", "Choose a CSV file to import; the one sent was empty.");
        }
        Path file = copy(upload);
        try {
            long id = imports.start(new ImportRequest(upload.getOriginalFilename(), ImportSource.of(file), tags, mode), actor);
            files.put(id, file);
            if (imports.get(id).status().done()) {
                delete(id);
            }
            return id;
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    @EventListener
    void finished(ImportEvent.Finished event) {
        delete(event.importId());
    }

    private void delete(long importId) {
        Path file = files.remove(importId);
        if (file != null) {
            deleteQuietly(file);
        }
    }

    private static Path copy(MultipartFile upload) {
        try (InputStream in = upload.getInputStream()) {
            Path file = Files.createTempFile("lux-import-", ".csv");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the uploaded file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is removed with the temp directory; nothing to tell the user.
        }
    }
}
