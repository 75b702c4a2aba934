package lux.agent.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentOptimiserTest {

    private final ContentOptimiser optimiser = new ContentOptimiser();

    @Test
    void measuresAShoutySpammyMail() {
        ContentReport r = optimiser.check(
                "FREE gift!!! Act now, you are a WINNER and this offer will not last very long at all",
                "<p>Click here</p><img src='a.png'><img src='b.png' alt='b'><a href='https://x.example'>Buy now</a>");
        assertThat(r.subjectLength()).isGreaterThan(ContentOptimiser.SUBJECT_MAX);
        assertThat(r.spamWords()).contains("free", "act now", "winner", "click here", "buy now", "!!!");
        assertThat(r.shoutedWords()).contains("FREE", "WINNER");
        assertThat(r.exclamationMarks()).isEqualTo(3);
        assertThat(r.links()).isEqualTo(1);
        assertThat(r.images()).isEqualTo(2);
        assertThat(r.imagesWithoutAlt()).isEqualTo(1);
        assertThat(r.personalised()).isFalse();
        assertThat(r.unsubscribeLink()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("No personalisation"))
            .anyMatch(p -> p.contains("unsubscribe"))
            .anyMatch(p -> p.contains("phones cut it"));
        assertThat(r.subjectVariants()).anyMatch(v -> v.startsWith("{{ contact.first_name }}, "))
            .allMatch(v -> !v.contains("!!!"));
    }

    @Test
    void aCleanPersonalMailHasFewProblems() {
        ContentReport r = optimiser.check("{{ contact.first_name }}, your November update",
                "<p>Hi {{ contact.first_name }},</p><p>Here is what changed this month. We fixed two bugs and added a report.</p>"
                        + "<p><a href='https://lux.example/u/x'>Unsubscribe</a></p>");
        assertThat(r.personalised()).isTrue();
        assertThat(r.unsubscribeLink()).isTrue();
        assertThat(r.spamWords()).isEmpty();
        assertThat(r.readingEase()).isGreaterThan(50);
        assertThat(r.previewText()).startsWith("Hi {{ contact.first_name }}, Here is what changed");
        assertThat(r.problems()).isEmpty();
    }

}
