package lux.admin;

import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Mail the outbox transport kept, shown as the recipient would see it, in a frame where
 * no script can run.
 */
@Controller
@RequestMapping("/admin/outbox")
class OutboxController {

    static final int PAGE_SIZE = 50;

    /**
     * The message body is untrusted HTML: a sandbox without scripts, no fetches but
     * images.
     */
    static final String BODY_CSP = "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    private final OutboxService outbox;

    OutboxController(OutboxService outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    String list(@RequestParam(required = false) Long campaignId, @RequestParam(defaultValue = "0") int page,
            Model model) {
        int p = Math.max(0, page);
        long total = outbox.count(campaignId);
        model.addAttribute("messages", outbox.list(campaignId, p * PAGE_SIZE, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * PAGE_SIZE < total);
        model.addAttribute("campaignId", campaignId);
        return "admin/outbox";
    }

    @GetMapping("/{id}")
    String message(@PathVariable long id, Model model) {
        model.addAttribute("message", outbox.get(id));
        return "admin/outbox-message";
    }

    @GetMapping("/{id}/body")
    ResponseEntity<String> body(@PathVariable long id) {
        OutboxMessage message = outbox.get(id);
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
            .header("Content-Security-Policy", BODY_CSP)
            .body(message.html() == null ? "" : message.html());
    }

}
