package lux.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import lux.audit.Actor;
import lux.imports.ContactImportService;
import lux.imports.ImportMode;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Starts background imports of uploaded files (console and API). Core keeps the upload in
 * its spool under the job's id until the import ends, so a crash leaves nothing behind
 * that start-up does not clean.
 */
@Component
public class ImportUploads {

    private final ContactImportService imports;

    ImportUploads(ContactImportService imports) {
        this.imports = imports;
    }

    public long start(MultipartFile upload, Set<String> tags, ImportMode mode, Actor actor) {
        if (upload == null || upload.isEmpty()) {
            throw new lux.shared.InvalidInputException("file", "Choose a CSV file to import; the one sent was empty.");
        }
        try (InputStream in = upload.getInputStream()) {
            return imports.startUpload(upload.getOriginalFilename(), in, tags, mode, actor);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

}
