package lux.admin;

import java.util.Map;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Template list and editor; the editor previews the unsaved text for a chosen contact as
 * you type.
 */
@Controller
@RequestMapping("/admin/templates")
class TemplatesController {

    private final TemplateService templates;

    private final ContactService contacts;

    TemplatesController(TemplateService templates, ContactService contacts) {
        this.templates = templates;
        this.contacts = contacts;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("templates", templates.list());
        return "admin/templates";
    }

    @GetMapping("/new")
    String create(Model model) {
        model.addAttribute("template",
                new TemplateView(0, "", "", "<p>Hello {{ contact.first_name }},</p>\n", null, null));
        return "admin/template";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("template", templates.get(id));
        return "admin/template";
    }

    @PostMapping
    String save(@RequestParam(defaultValue = "0") long id, @RequestParam String name, @RequestParam String subject,
            @RequestParam String htmlBody, @RequestParam(required = false) String textBody,
            @AuthenticationPrincipal ConsoleUser me, Model model, RedirectAttributes flash) {
        TemplateContent content = new TemplateContent(name, subject, htmlBody, textBody);
        try {
            TemplateView saved = id == 0 ? templates.create(content, me.actor(Channel.CONSOLE))
                    : templates.update(id, content, me.actor(Channel.CONSOLE));
            flash.addFlashAttribute("notice", "Saved \"" + saved.name() + "\".");
            return "redirect:/admin/templates/" + saved.id();
        }
        catch (LuxException e) {
            // Re-show the editor with what was typed, so nothing is lost.
            model.addAttribute("template", new TemplateView(id, name, subject, htmlBody, textBody, null));
            model.addAttribute("error", e.getMessage());
            return "admin/template";
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/templates", () -> {
            templates.delete(id, me.actor(Channel.CONSOLE));
            return "Deleted the template.";
        });
    }

    /**
     * Live preview of unsaved text: for the contact with this email, or the sample
     * contact.
     */
    @PostMapping("/preview")
    @ResponseBody
    ResponseEntity<Map<String, Object>> preview(@RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String htmlBody, @RequestParam(required = false) String textBody,
            @RequestParam(required = false) String contact) {
        try {
            ContactView who = contact == null || contact.isBlank() ? TemplateModel.sampleContact()
                    : contacts.findByEmail(contact)
                        .orElseThrow(() -> new InvalidInputException("contact",
                                "No contact has the address " + contact.trim() + "."));
            RenderedMessage message = templates.render(new TemplateContent(null, subject, htmlBody, textBody), who);
            return ResponseEntity.ok(Map.of("subject", message.subject(), "html", message.html(), "text",
                    message.text(), "contact", who.email()));
        }
        catch (LuxException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
        }
    }

}
