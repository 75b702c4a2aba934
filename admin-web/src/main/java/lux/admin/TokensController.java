package lux.admin;

import lux.audit.Channel;
import lux.users.ApiTokenService;
import lux.users.NewApiToken;
import lux.users.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API tokens: created by admins, the secret shown once, revocable. */
@Controller
@RequestMapping("/admin/tokens")
class TokensController {
    private final ApiTokenService tokens;

    TokensController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Role.values());
        return "admin/tokens";
    }

    @PostMapping
    String create(@RequestParam String name, @RequestParam Role role, @AuthenticationPrincipal ConsoleUser me,
                  RedirectAttributes flash) {
        return Flash.run(flash, "/admin/tokens", () -> {
            NewApiToken created = tokens.create(name, role, me.actor(Channel.CONSOLE));
            flash.addFlashAttribute("oneTimeSecret", created.secret());
            return "Created the token \"" + created.token().name() + "\". Copy it now: it is not shown again.";
        });
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/tokens", () -> "Revoked \"" + tokens.revoke(id, me.actor(Channel.CONSOLE)).name() + "\".");
    }
}
