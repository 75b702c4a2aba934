package lux.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** API callers get 401/403 as problem+json, never a redirect to the login page. */
public class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    public ApiAuthenticationEntryPoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"lux\"");
        Problems.write(json, request, response, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Send an API token as 'Authorization: Bearer lux_...' (admins create tokens in the console), or sign in to the console."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String detail = e instanceof CsrfException
                ? "This request came from a console session without a CSRF token. Send the X-CSRF-TOKEN header, or use an API token."
                : "Only admins may use " + request.getRequestURI()
                        + " (users, tokens, GDPR erasure, senders, settings and "
                        + "the audit log are admin-only). This token or session acts as a marketer; a token acts with its "
                        + "owner's current role.";
        Problems.write(json, request, response, Problems.problem(HttpStatus.FORBIDDEN, "forbidden", detail));
    }

}
