package lux.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lux.admin.ConsoleUser;
import lux.users.ApiTokenService;
import lux.users.ApiTokenCheck;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer lux_...} for this request only (nothing is
 * stored in a session), with the role its owner has now. A bearer header that does not
 * match a working token (unknown, revoked, expired, owner disabled) is answered 401 at
 * once, saying which, even if a session exists.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;

    private final ObjectMapper json;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    public static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokenCheck check = tokens.authenticate(request.getHeader("Authorization").substring(7).trim());
        if (check instanceof ApiTokenCheck.Refused refused) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lux\", error=\"invalid_token\"");
            Problems.write(json, request, response,
                    Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-token", refused.reason()));
            return;
        }
        ApiTokenCheck.Accepted accepted = (ApiTokenCheck.Accepted) check;
        ConsoleUser principal = ConsoleUser.forToken(accepted.token().id(), accepted.token().name(), accepted.role(),
                accepted.userId());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

}
