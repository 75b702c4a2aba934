package lux.admin;

import java.security.SecureRandom;
import java.util.Base64;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.users.LinkCode;
import lux.users.LinkCodeService;
import lux.users.NewUser;
import lux.users.PasswordPolicy;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins create users (there is no sign-up), disable them, reset passwords, change roles,
 * link Teams identities.
 */
@Controller
@RequestMapping("/admin/users")
class UsersController {

    private final UserService users;

    private final LinkCodeService linkCodes;

    private final PasswordEncoder encoder;

    private final PasswordPolicy policy;

    private final SecureRandom random = new SecureRandom();

    UsersController(UserService users, LinkCodeService linkCodes, PasswordEncoder encoder, PasswordPolicy policy) {
        this.users = users;
        this.linkCodes = linkCodes;
        this.encoder = encoder;
        this.policy = policy;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }

    /** Without a password one is generated and shown once to the admin, to hand over. */
    @PostMapping
    String create(@RequestParam String email, @RequestParam(required = false) String displayName,
            @RequestParam Role role, @RequestParam(required = false) String password,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            String secret = password == null || password.isBlank() ? generated() : checked(password, email);
            User user = users.create(new NewUser(email, displayName, encoder.encode(secret), role),
                    me.actor(Channel.CONSOLE));
            if (password == null || password.isBlank()) {
                flash.addFlashAttribute("oneTimeSecret", secret);
            }
            return "Created " + user.getEmail() + " as " + role + ".";
        });
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable long id, @RequestParam boolean enabled, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            if (!enabled && me.userId() != null && me.userId() == id) {
                throw new InvalidInputException("enabled", "You cannot disable your own account; ask another admin.");
            }
            User user = users.setEnabled(id, enabled, me.actor(Channel.CONSOLE));
            return enabled ? "Enabled " + user.getEmail() + "." : "Disabled " + user.getEmail()
                    + ": their sessions have ended and their API tokens stopped working.";
        });
    }

    @PostMapping("/{id}/role")
    String role(@PathVariable long id, @RequestParam Role role, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            if (role != Role.ADMIN && me.userId() != null && me.userId() == id) {
                throw new InvalidInputException("role", "You cannot take away your own admin role; ask another admin.");
            }
            User user = users.changeRole(id, role, me.actor(Channel.CONSOLE));
            return user.getEmail() + " is now " + role + "; they sign in again to continue.";
        });
    }

    /** Sets a new password (generated unless given) and shows it once. */
    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam(required = false) String password,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            String secret = password == null || password.isBlank() ? generated()
                    : checked(password, users.get(id).getEmail());
            User user = users.changePasswordHash(id, encoder.encode(secret), me.actor(Channel.CONSOLE));
            if (password == null || password.isBlank()) {
                flash.addFlashAttribute("oneTimeSecret", secret);
            }
            return "New password set for " + user.getEmail() + "; their sessions have ended.";
        });
    }

    @PostMapping("/{id}/teams")
    String link(@PathVariable long id, @RequestParam String aadObjectId, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            User user = users.linkTeamsIdentity(id, aadObjectId, me.actor(Channel.CONSOLE));
            return user.getEmail() + " is linked to Teams identity " + user.getAadObjectId() + ".";
        });
    }

    /**
     * A one-time code the user sends to LUX in Teams ("link ABCD-EFGH"); shown once,
     * valid for 30 minutes.
     */
    @PostMapping("/{id}/teams/code")
    String linkCode(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> {
            LinkCode code = linkCodes.issue(id, me.actor(Channel.CONSOLE));
            flash.addFlashAttribute("oneTimeSecret", code.code());
            return "Ask " + users.get(id).getEmail() + " to send \"link " + code.code() + "\" to LUX in Teams within "
                    + LinkCodeService.VALIDITY.toMinutes() + " minutes.";
        });
    }

    @PostMapping("/{id}/teams/unlink")
    String unlink(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/users", () -> "Unlinked the Teams identity of "
                + users.unlinkTeamsIdentity(id, me.actor(Channel.CONSOLE)).getEmail() + ".");
    }

    private String checked(String password, String email) {
        try {
            policy.check(password, email);
        }
        catch (InvalidInputException e) {
            throw new InvalidInputException("password", e.getMessage() + " Or leave it empty to have one generated.");
        }
        return password;
    }

    private String generated() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
