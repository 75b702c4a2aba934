package lux.publicweb;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.config.CoreProperties;
import lux.shared.NotFoundException;
import lux.signup.FormService;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the sign-up routes, per form: a browser on the form's one configured site (or
 * on LUX itself) may post and read; a request from any other origin is refused before it
 * reaches the form, and preflights are answered here. Requests without an Origin header
 * (servers, curl) are not browsers' cross-site calls and pass.
 */
@Component
class SignupCors extends OncePerRequestFilter {

    private static final Pattern FORM_ROUTE = Pattern.compile("^/s/(\\d{1,18})(/stamp)?$");

    private final FormService forms;

    private final String ownOrigin;

    SignupCors(FormService forms, CoreProperties core) {
        this.forms = forms;
        this.ownOrigin = core.publicBaseUrl().getScheme() + "://" + core.publicBaseUrl().getAuthority();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/s/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher route = FORM_ROUTE.matcher(request.getRequestURI());
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!route.matches() || origin == null) {
            chain.doFilter(request, response);
            return;
        }
        String allowed = allowedOrigin(Long.parseLong(route.group(1)));
        boolean permitted = origin.equalsIgnoreCase(ownOrigin) || origin.equalsIgnoreCase(allowed);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (!permitted) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This site may not use this sign-up form.");
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }

    private String allowedOrigin(long formId) {
        try {
            return forms.get(formId).allowedOrigin();
        }
        catch (NotFoundException e) {
            return null;
        }
    }

}
