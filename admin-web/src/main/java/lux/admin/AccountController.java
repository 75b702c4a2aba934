package lux.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.users.PasswordPolicy;
import lux.users.User;
import lux.users.UserService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every signed-in person's own account: they change their password here (current one
 * first). The change ends their other sessions; this one carries on under a new session
 * id.
 */
@Controller
@RequestMapping("/admin/account")
class AccountController {

    private final UserService users;

    private final PasswordEncoder encoder;

    private final PasswordPolicy policy;

    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountController(UserService users, PasswordEncoder encoder, PasswordPolicy policy) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
    }

    @GetMapping
    String account(@AuthenticationPrincipal ConsoleUser me, Model model) {
        model.addAttribute("me", users.get(me.userId()));
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "admin/account";
    }

    @PostMapping("/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, @AuthenticationPrincipal ConsoleUser me, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/account", () -> {
            User user = users.get(me.userId());
            if (user.getPasswordHash() == null || !encoder.matches(currentPassword, user.getPasswordHash())) {
                throw new InvalidInputException("currentPassword",
                        "Your current password is not right; nothing was changed.");
            }
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInputException("confirmPassword",
                        "The new password and its repetition differ; nothing was changed.");
            }
            if (encoder.matches(newPassword, user.getPasswordHash())) {
                throw new InvalidInputException("newPassword", "The new password is the current one; choose another.");
            }
            policy.check(newPassword, user.getEmail());
            User changed = users.changePasswordHash(user.getId(), encoder.encode(newPassword),
                    me.actor(Channel.CONSOLE));
            keepThisSession(ConsoleUser.of(changed), request, response);
            return "Your password is changed. Your other sessions have ended.";
        });
    }

    /**
     * This session signed in with the old version; give it the new one (and a new id) so
     * only the others end.
     */
    private void keepThisSession(ConsoleUser renewed, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(renewed, null, renewed.getAuthorities()));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        sessions.saveContext(context, request, response);
    }

}
