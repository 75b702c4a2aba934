package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.audit.Actor;
import lux.contacts.AudienceFilter;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sending renders without deriving the text part and lets the composer derive it from the
 * HTML it parses anyway (one parse per message instead of two): the message must be
 * exactly what the two-parse road makes.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = { "lux.delivery.enabled=false" })
class ComposedTextTest {

    @Autowired
    TemplateService templates;

    @Autowired
    TrackingComposer composer;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void theTextDerivedWhileComposingIsTheTextDerivedWhileRendering() {
        TemplateContent content = new TemplateContent("derived", "Hi  {{ contact.first_name }}",
                "<html><head><title>News</title><style>p{color:red}</style></head><body><h1>Hello {{ contact.first_name }}</h1>"
                        + "<p>Read <a href=\"https://example.com/a?x=1&amp;y=2\">the news</a> or <a href=\"mailto:x@example.com\">write</a>."
                        + "<script>var x = 1;</script></p><ul><li>one</li><li>two</li></ul><img alt=\"logo\" src=\"https://example.com/l.png\">"
                        + "</body></html>",
                null);
        long template = templates.create(content, Actor.system()).id();
        long campaign = campaigns
            .create(new NewCampaign("derived", template, null, AudienceFilter.everyone()), Actor.system())
            .id();
        Map<String, Object> model = TemplateModel.forContact(TemplateModel.sampleContact());
        String unsubscribe = composer.unsubscribeUrl(campaign, 7);
        model.put("unsubscribe_url", unsubscribe);

        RenderedMessage full = templates.render(content, model);
        RenderedMessage forSending = templates.renderForSending(content, model);
        assertThat(forSending.text()).isNull();
        assertThat(forSending.subject()).isEqualTo(full.subject()).isEqualTo("Hi Alex");
        assertThat(forSending.html()).isEqualTo(full.html());

        ComposedMessage twoParses = composer.compose(campaign, 7, full, unsubscribe);
        ComposedMessage oneParse = composer.compose(campaign, 7, forSending, unsubscribe);
        assertThat(oneParse).isEqualTo(twoParses);
        assertThat(oneParse.text()).contains("Hello Alex")
            .contains("- one")
            .contains("[logo]")
            .contains("/t/c/")
            .doesNotContain("var x")
            .doesNotContain("color:red")
            .doesNotContain("News\n");
    }

}
