package lux.admin;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Wrong address, wrong password and a disabled account read the same,
 * so none is revealed.
 */
@Controller
class LoginController {

    @GetMapping("/admin/login")
    String login(Authentication authentication, HttpSession session, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/admin";
        }
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof ThrottledAuthenticationProvider.LoginThrottledException throttled) {
            model.addAttribute("loginError", throttled.getMessage());
        }
        else if (failure instanceof AuthenticationException) {
            model.addAttribute("loginError", "Wrong email or password, or the account is disabled.");
        }
        session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return "admin/login";
    }

    @GetMapping("/")
    String root() {
        return "redirect:/admin";
    }

}
