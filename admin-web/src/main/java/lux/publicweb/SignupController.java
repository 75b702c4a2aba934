package lux.publicweb;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.shared.PublicMessages;
import lux.signup.ConfirmOutcome;
import lux.signup.FormService;
import lux.signup.FormSnippet;
import lux.signup.SignupForm;
import lux.signup.SignupOutcome;
import lux.signup.SignupRequest;
import lux.signup.SignupService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public side of sign-up forms: the hosted form, a fresh stamp for embedded ones, the
 * sign-up itself (a browser's form post answered with a page, or JSON answered with JSON)
 * and the confirmation link. Every accepted or quietly refused sign-up gets the same
 * answer; only input a person can correct is answered with an error.
 */
@RestController
class SignupController {

    private static final Logger log = LoggerFactory.getLogger(SignupController.class);

    private final SignupService signups;

    private final FormService forms;

    private final FormSnippet snippets;

    private final PublicMessages messages;

    SignupController(SignupService signups, FormService forms, FormSnippet snippets, PublicMessages messages) {
        this.signups = signups;
        this.forms = forms;
        this.snippets = snippets;
        this.messages = messages;
    }

    /** The form as a page of its own (a link to share, or a place to try it). */
    @GetMapping(value = "/s/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form(@PathVariable long id) {
        SignupForm form = forms.get(id);
        return PublicPage.html(HttpStatus.OK, form.language(), form.name(),
                "<div class=\"text-start\">" + snippets.html(form, false) + "</div>");
    }

    @GetMapping(value = "/s/{id}/stamp", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> stamp(@PathVariable long id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("stamp", signups.stamp(id)));
    }

    @PostMapping(value = "/s/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> signUpFromBrowser(@PathVariable long id, @RequestParam(required = false) String email,
            @RequestParam(name = "first_name", required = false) String firstName,
            @RequestParam(name = "last_name", required = false) String lastName,
            @RequestParam(required = false) String website,
            @RequestParam(name = "lux_stamp", required = false) String stamp, HttpServletRequest request) {
        SignupForm form = forms.get(id);
        try {
            submit(new SignupRequest(id, email, firstName, lastName, website, stamp, request.getRemoteAddr()));
        }
        catch (InvalidInputException e) {
            return PublicPage.html(HttpStatus.BAD_REQUEST, form.language(),
                    messages.text(form.language(), "signup.invalid.title"),
                    "<p class=\"lead\">" + PublicPage.esc(e.getMessage()) + "</p><p>"
                            + PublicPage.esc(messages.text(form.language(), "signup.invalid.back")) + "</p>");
        }
        return PublicPage.html(HttpStatus.OK, form.language(), messages.text(form.language(), "signup.thanks.title"),
                "<p class=\"lead\">" + PublicPage.esc(thanks(form)) + "</p>");
    }

    @PostMapping(value = "/s/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> signUpByScript(@PathVariable long id, @RequestBody SignupBody body,
            HttpServletRequest request) {
        SignupForm form = forms.get(id);
        try {
            submit(new SignupRequest(id, body.email(), body.firstName(), body.lastName(), body.website(), body.stamp(),
                    request.getRemoteAddr()));
        }
        catch (InvalidInputException e) {
            return ResponseEntity.badRequest()
                .body(Map.of("status", "invalid", "field", e.field(), "message", e.getMessage()));
        }
        return ResponseEntity.ok(Map.of("status", "ok", "message", thanks(form)));
    }

    /**
     * Shows a button rather than confirming: mail scanners open links, only people press
     * buttons.
     */
    @GetMapping(value = "/s/confirm/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirmPage(@PathVariable String token) {
        String language = signups.language(token);
        return PublicPage.html(HttpStatus.OK, language, messages.text(language, "signup.confirm.page.title"),
                "<form method=\"post\" action=\"/s/confirm/" + PublicPage.esc(token) + "\"><button type=\"submit\" "
                        + "class=\"btn btn-primary btn-lg\">"
                        + PublicPage.esc(messages.text(language, "signup.confirm.page.button")) + "</button></form>");
    }

    @PostMapping(value = "/s/confirm/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token, HttpServletRequest request) {
        ConfirmOutcome outcome = signups.confirm(token, request.getRemoteAddr());
        String key = switch (outcome.result()) {
            case CONFIRMED -> "signup.confirmed";
            case EXPIRED -> "signup.confirm.expired";
            case INVALID -> "signup.confirm.invalid";
        };
        HttpStatus status = switch (outcome.result()) {
            case CONFIRMED -> HttpStatus.OK;
            case EXPIRED -> HttpStatus.GONE;
            case INVALID -> HttpStatus.NOT_FOUND;
        };
        return PublicPage.html(status, outcome.language(), messages.text(outcome.language(), key + ".title"),
                "<p class=\"lead\">" + PublicPage.esc(messages.text(outcome.language(), key + ".body")) + "</p>");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> unknownForm() {
        return PublicPage.html(HttpStatus.NOT_FOUND, "en", "Not found",
                "<p class=\"lead\">This sign-up form does not exist (any more).</p>");
    }

    private void submit(SignupRequest request) {
        SignupOutcome outcome = signups.submit(request);
        if (outcome.spam()) {
            log.info("Sign-up to form {} dropped quietly: {}", request.formId(), outcome);
        }
    }

    private String thanks(SignupForm form) {
        return messages.text(form.language(),
                form.doubleOptIn() ? "signup.thanks.doubleOptIn" : "signup.thanks.single");
    }

    record SignupBody(String email, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName, String website, @JsonProperty("lux_stamp") String stamp) {
    }

}
