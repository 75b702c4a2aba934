package lux.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import lux.config.CoreProperties;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;
import lux.preflight.PreflightReport.Severity;
import lux.templates.RenderedMessage;
import org.junit.jupiter.api.Test;

/**
 * The checks on the message itself, rendered: which problems block and which are
 * warnings.
 */
class ContentChecksTest {

    static final String UNSUBSCRIBE = ContentChecks.UNSUBSCRIBE_MARKER;

    static ContentChecks checks(String postalAddress, boolean required, String base) {
        CoreProperties core = new CoreProperties(URI.create(base),
                new CoreProperties.Mail("outbox", "news@lux.test", postalAddress), new CoreProperties.Campaigns(
                        new CoreProperties.Approval(false, CoreProperties.Approvers.ANY_OTHER_USER)));
        PreflightProperties preflight = new PreflightProperties(required, 5000,
                new PreflightProperties.Links(false, Duration.ofSeconds(3), false, 25), new PreflightProperties.Dns(
                        true, "", Duration.ofSeconds(3), List.of("selector1", "selector2"), Duration.ofHours(1)));
        return new ContentChecks(core, preflight);
    }

    static List<Problem> check(ContentChecks checks, String subject, String html) {
        return checks.check(new RenderedMessage(subject, html, null));
    }

    @Test
    void aMissingPostalAddressBlocksUnlessTheRuleIsOff() {
        assertThat(check(checks("", true, "https://lux.example.com"), "Hello", "<p>Hi</p>")).singleElement()
            .satisfies(p -> {
                assertThat(p.check()).isEqualTo(Check.POSTAL_ADDRESS);
                assertThat(p.severity()).isEqualTo(Severity.BLOCKING);
                assertThat(p.message()).contains("lux.mail.postal-address");
            });
        assertThat(check(checks("", false, "https://lux.example.com"), "Hello", "<p>Hi</p>"))
            .extracting(Problem::severity)
            .containsExactly(Severity.WARNING);
        assertThat(check(checks("1 Main St", true, "https://lux.example.com"), "Hello", "<p>Hi</p>")).isEmpty();
    }

    @Test
    void aHiddenOrEmptyUnsubscribeLinkBlocksAndAVisibleOneOrNoneDoesNot() {
        ContentChecks checks = checks("1 Main St", true, "https://lux.example.com");
        for (String hidden : List.of(
                "<div style=\"display: none\"><a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a></div>",
                "<a href=\"" + UNSUBSCRIBE + "\" style=\"font-size:0px\">Unsubscribe</a>",
                "<a href=\"" + UNSUBSCRIBE + "\"> </a>",
                "<span hidden><a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a></span>")) {
            assertThat(check(checks, "Hello", "<p>Hi</p>" + hidden)).as(hidden)
                .extracting(Problem::check, Problem::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Check.UNSUBSCRIBE, Severity.BLOCKING));
        }
        assertThat(check(checks, "Hello",
                "<p>Hi <a href=\"" + UNSUBSCRIBE + "\" style=\"font-size:10px\">Unsubscribe</a></p>"))
            .isEmpty();
        assertThat(check(checks, "Hello", "<p>Hi</p>")).isEmpty(); // LUX adds its own
                                                                   // visible link
    }

    @Test
    void imagesWithoutAltALongSubjectSpamPhrasesAndALocalBaseUrlAreWarnings() {
        List<Problem> problems = check(checks("1 Main St", true, "http://localhost:3978"),
                "Act now: this is a very long subject line that phones will surely cut off", "<p>Totally FREE</p>"
                        + "<img src=\"a.png\"><img src=\"b.png\" alt=\"\"><img src=\"c.png\" alt=\"Chair\">");
        assertThat(problems).extracting(Problem::check)
            .containsExactly(Check.UNSUBSCRIBE, Check.IMAGES, Check.SUBJECT, Check.SPAM_PHRASES);
        assertThat(problems).allMatch(p -> p.severity() == Severity.WARNING);
        assertThat(problems.get(1).message()).startsWith("1 image has no alt text");
        assertThat(problems.get(2).message()).startsWith("The subject has 73 characters");
        assertThat(problems.get(3).message()).isEqualTo("Phrases spam filters distrust: free, act now.");
    }

}
