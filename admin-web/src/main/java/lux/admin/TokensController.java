package lux.admin;

import java.time.Clock;
import java.time.Duration;
import lux.audit.Channel;
import lux.users.ApiTokenService;
import lux.users.NewApiToken;
import lux.users.User;
import lux.users.UserService;
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
 * API tokens: made by admins for themselves or another person, the owner (a token acts as
 * its owner, with their current role, and stops when they are disabled), expiring, the
 * secret shown once, revocable. The list shows who has which token.
 */
@Controller
@RequestMapping("/admin/tokens")
class TokensController {

    private final ApiTokenService tokens;

    private final UserService users;

    private final ConsoleProperties properties;

    private final Clock clock;

    TokensController(ApiTokenService tokens, UserService users, ConsoleProperties properties, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
        model.addAttribute("meId", me.userId());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("people", users.list().stream().filter(User::isEnabled).toList());
        model.addAttribute("now", clock.instant());
        model.addAttribute("defaultDays", properties.apiTokenValidity().toDays());
        model.addAttribute("maxDays", ApiTokenService.MAX_VALIDITY.toDays());
        return "admin/tokens";
    }

    @PostMapping
    String create(@RequestParam String name, @RequestParam(required = false) Long ownerId,
            @RequestParam(required = false) Integer expiresInDays, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/tokens", () -> {
            Duration validity = expiresInDays == null ? properties.apiTokenValidity() : Duration.ofDays(expiresInDays);
            NewApiToken created = tokens.create(name, ownerId, validity, me.actor(Channel.CONSOLE));
            flash.addFlashAttribute("oneTimeSecret", created.secret());
            return "Created the token \"" + created.token().name() + "\" for " + created.token().owner() + " (acts as "
                    + created.token().role() + "), valid until " + created.token().expiresAt()
                    + ". Copy it now: it is not shown again.";
        });
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/tokens",
                () -> "Revoked \"" + tokens.revoke(id, me.actor(Channel.CONSOLE)).name() + "\".");
    }

}
