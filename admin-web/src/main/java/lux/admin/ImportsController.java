package lux.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import lux.audit.Channel;
import lux.imports.ContactImportService;
import lux.imports.ImportJob;
import lux.imports.ImportMode;
import lux.shared.LuxException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV imports: upload, a progress page that refreshes itself until done, the error
 * report, cancel.
 */
@Controller
@RequestMapping("/admin/imports")
class ImportsController {

    private final ContactImportService imports;

    private final ImportUploads uploads;

    ImportsController(ContactImportService imports, ImportUploads uploads) {
        this.imports = imports;
        this.uploads = uploads;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("imports", imports.recent(50));
        model.addAttribute("modes", ImportMode.values());
        return "admin/imports";
    }

    @PostMapping
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String tags,
            @RequestParam(defaultValue = "ADD_NEW_ONLY") ImportMode mode, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        try {
            long id = uploads.start(file, Set.copyOf(ContactsController.split(tags)), mode, me.actor(Channel.CONSOLE));
            return "redirect:/admin/imports/" + id;
        }
        catch (LuxException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/admin/imports";
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        ImportJob job = imports.get(id);
        model.addAttribute("job", job);
        model.addAttribute("running", !job.status().done());
        if (!job.status().done()) {
            model.addAttribute("refreshSeconds", 2);
        }
        return "admin/import";
    }

    @GetMapping("/{id}/errors.csv")
    void errors(@PathVariable long id, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (!imports.writeErrorReport(id, response.getWriter())) {
            response.getWriter().write("line,email,problem\n");
        }
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/imports/" + id, () -> {
            imports.cancel(id, me.actor(Channel.CONSOLE));
            return "Cancelling: rows written so far stay.";
        });
    }

}
