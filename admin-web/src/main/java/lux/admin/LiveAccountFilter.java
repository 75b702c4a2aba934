package lux.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import lux.users.User;
import lux.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session on its next request once its user is gone, disabled, has another
 * role or another password than at sign-in (their credentials version moved on). The
 * database decides, so disabling someone ends their sessions on every instance at once. A
 * console page is redirected to the sign-in page, which says why; anything else goes on
 * unauthenticated (the API answers 401, a form post is sent to sign in). The API's chain
 * (lux.api) runs it too.
 */
public class LiveAccountFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LiveAccountFilter.class);

    private final UserService users;

    public LiveAccountFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser me && !me.isToken()
                && !stillValid(me)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            log.info("Ended a console session of user {}: the account was disabled or its role or password changed",
                    me.userId());
            if ("GET".equals(request.getMethod())
                    && request.getRequestURI().startsWith(request.getContextPath() + "/admin")) {
                response.sendRedirect(request.getContextPath() + "/admin/login?ended");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(ConsoleUser me) {
        if (me.userId() == null) {
            return false;
        }
        return users.find(me.userId())
            .filter(User::isEnabled)
            .filter(u -> u.getPasswordHash() != null)
            .filter(u -> u.getRole() == me.role())
            .filter(u -> u.getCredentialsVersion() == me.credentialsVersion())
            .isPresent();
    }

}
