package lux.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import lux.admin.ConsoleUser;
import lux.admin.ImportUploads;
import lux.audit.Channel;
import lux.imports.ContactImportService;
import lux.imports.ImportJob;
import lux.imports.ImportMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV imports: upload (runs in the background), follow progress, fetch the error report,
 * cancel.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsApi {

    private final ContactImportService imports;

    private final ImportUploads uploads;

    ImportsApi(ContactImportService imports, ImportUploads uploads) {
        this.imports = imports;
        this.uploads = uploads;
    }

    /**
     * multipart/form-data with {@code file}, optional {@code tags} (repeatable) and
     * {@code mode}; answers 202 with the job.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> start(@RequestParam("file") MultipartFile file,
            @RequestParam(required = false) List<String> tags,
            @RequestParam(defaultValue = "ADD_NEW_ONLY") ImportMode mode, @AuthenticationPrincipal ConsoleUser user) {
        long id = uploads.start(file, tags == null ? Set.of() : Set.copyOf(tags), mode, user.actor(Channel.API));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
            .location(URI.create("/api/v1/imports/" + id))
            .body(imports.get(id));
    }

    @GetMapping
    PageResponse<ImportJob> recent(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.ofList(imports.recent(200), PageResponse.request(page, size));
    }

    @GetMapping("/{id}")
    ImportJob get(@PathVariable long id) {
        return imports.get(id);
    }

    /**
     * The rows not imported as CSV (line, email, problem); 404 when every row was taken.
     */
    @GetMapping(value = "/{id}/errors", produces = "text/csv")
    ResponseEntity<String> errors(@PathVariable long id) throws IOException {
        return imports.errorReport(id)
            .map(csv -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(csv))
            .orElseThrow(() -> new lux.shared.NotFoundException("Error report of import", id));
    }

    @PostMapping("/{id}/cancel")
    ImportJob cancel(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        return imports.cancel(id, user.actor(Channel.API));
    }

}
