package lux.admin;

import java.util.Arrays;
import java.util.List;
import lux.audit.Channel;
import lux.shared.PublicMessages;
import lux.signup.FormDefinition;
import lux.signup.FormService;
import lux.signup.FormSnippet;
import lux.signup.SignupForm;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign-up forms in the console: list, create, edit (with the snippet to embed) and
 * delete.
 */
@Controller
@RequestMapping("/admin/forms")
class FormsController {

    private final FormService forms;

    private final FormSnippet snippets;

    FormsController(FormService forms, FormSnippet snippets) {
        this.forms = forms;
        this.snippets = snippets;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("forms", forms.list());
        model.addAttribute("languages", PublicMessages.LANGUAGES);
        return "admin/forms";
    }

    @PostMapping
    String create(@RequestParam String name, @RequestParam(required = false) String tags,
            @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "false") boolean doubleOptIn,
            @RequestParam(required = false) String allowedOrigin, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        String[] created = new String[1];
        String redirect = Flash.run(flash, "/admin/forms", () -> {
            SignupForm form = forms.create(
                    new FormDefinition(name, null, split(tags), language, null, doubleOptIn, allowedOrigin, null, null),
                    me.actor(Channel.CONSOLE));
            created[0] = "/admin/forms/" + form.id();
            return "Created the form " + form.name() + ". Copy its snippet below.";
        });
        return created[0] == null ? redirect : "redirect:" + created[0];
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        SignupForm form = forms.get(id);
        model.addAttribute("form", form);
        model.addAttribute("snippet", snippets.html(form, true));
        model.addAttribute("languages", PublicMessages.LANGUAGES);
        return "admin/form";
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) List<String> fields,
            @RequestParam(required = false) String tags, @RequestParam(defaultValue = "en") String language,
            @RequestParam(required = false) String consentText,
            @RequestParam(defaultValue = "false") boolean doubleOptIn,
            @RequestParam(required = false) String allowedOrigin, @RequestParam(required = false) String confirmSubject,
            @RequestParam(required = false) String confirmBody, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/forms/" + id, () -> {
            forms.update(id, new FormDefinition(name, fields, split(tags), language, consentText, doubleOptIn,
                    allowedOrigin, confirmSubject, confirmBody), me.actor(Channel.CONSOLE));
            return "Saved.";
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/forms", () -> {
            forms.delete(id, me.actor(Channel.CONSOLE));
            return "Deleted the form; the contacts it brought in stay.";
        });
    }

    private static List<String> split(String csv) {
        return csv == null ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

}
