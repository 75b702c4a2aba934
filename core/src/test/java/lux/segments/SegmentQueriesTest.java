package lux.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
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
 * Every condition kind against one fixture, and hostile keys and values, on H2 and
 * PostgreSQL.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class SegmentQueriesTest {

    @Autowired
    SegmentService segments;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    TemplateService templates;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    long campaign;

    @BeforeEach
    void fixture() {
        DatabaseCleaner.clean(jdbc);
        add("ana@acme.com", Map.of("plan", "gold", "city", "Berlin"), "vip");
        add("bob@acme.com", Map.of("plan", "silver", "city", "Bern"), "vip", "news");
        add("cy@other.org", Map.of("note", "x\",\"plan\":\"gold"), "news"); // a value
                                                                            // that looks
                                                                            // like
                                                                            // plan=gold
        add("dan@sub.acme.com", Map.of(), "news");
        long gone = add("eve@acme.com", Map.of("plan", "gold"), "vip");
        contacts.changeStatus(gone, ContactStatus.UNSUBSCRIBED, Actor.system());
        add("fay@acme.com", Map.of("plan", "gold"), "vip");
        suppressions.suppressAddress("fay@acme.com", SuppressionReason.MANUAL, null, Actor.system());
        long template = templates.create(new TemplateContent("t", "Hi", "<p>Hi</p>", null), Actor.system()).id();
        campaign = campaigns
            .create(new NewCampaign("Spring", template, null, AudienceFilter.everyone()), Actor.system())
            .id();
        // what tracking records per recipient: ana opened as a person, bob's open was a
        // mail scanner's, cy clicked only
        recipient("ana@acme.com", "now()", "now()", null);
        recipient("bob@acme.com", "now()", null, null);
        recipient("cy@other.org", null, null, "now()");
        recipient("dan@sub.acme.com", null, null, null);
    }

    @Test
    void tagsAndAttributes() {
        assertThat(
                emails(new SegmentDefinition(new AudienceFilter(Set.of("vip"), Set.of(), Set.of("news")), List.of())))
            .containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeEquals("plan", "gold")))).containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeEquals("PLAN ", "gold")))).containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeContains("city", "ER")))).containsExactly("ana@acme.com",
                "bob@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeContains("city", "lin")))).containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeContains("plan", "gold"))))
            .containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.AttributeExists("note")))).containsExactly("cy@other.org");
        assertThat(emails(cond(new SegmentCondition.EmailDomain("@ACME.com")))).containsExactly("ana@acme.com",
                "bob@acme.com");
    }

    @Test
    void createdSinceAndInactivity() {
        assertThat(emails(cond(new SegmentCondition.CreatedSince(Instant.now().minus(1, ChronoUnit.DAYS))))).hasSize(4);
        assertThat(emails(cond(new SegmentCondition.CreatedSince(Instant.now().plus(1, ChronoUnit.DAYS))))).isEmpty();
        jdbc.update("UPDATE contact SET created_at = ? WHERE email IN ('ana@acme.com', 'bob@acme.com', 'cy@other.org')",
                java.sql.Timestamp.from(Instant.now().minus(200, ChronoUnit.DAYS)));
        // ana opened and cy clicked (as people) just now; bob's only open was a machine's
        assertThat(emails(cond(new SegmentCondition.InactiveForDays(90)))).containsExactly("bob@acme.com");
    }

    @Test
    void engagementHumanAndMachine() {
        assertThat(emails(cond(new SegmentCondition.Opened(campaign, true)))).containsExactly("ana@acme.com");
        assertThat(emails(cond(new SegmentCondition.Opened(campaign, false)))).containsExactly("ana@acme.com",
                "bob@acme.com");
        assertThat(emails(cond(new SegmentCondition.Clicked(campaign, true)))).containsExactly("cy@other.org");
        assertThat(emails(cond(new SegmentCondition.DidNotOpen(campaign, true)))).containsExactly("bob@acme.com",
                "cy@other.org", "dan@sub.acme.com");
        assertThat(emails(cond(new SegmentCondition.DidNotOpen(campaign, false)))).containsExactly("cy@other.org",
                "dan@sub.acme.com");
        assertThat(emails(SegmentDefinition.nonOpeners(campaign, true))).containsExactly("bob@acme.com",
                "dan@sub.acme.com");
        // scores: ana 100*(1)/3 = 33, cy 100*2/3 = 67, bob and dan 0
        assertThat(emails(cond(new SegmentCondition.EngagementAtLeast(33)))).containsExactly("ana@acme.com",
                "cy@other.org");
        assertThat(emails(cond(new SegmentCondition.EngagementAtLeast(34)))).containsExactly("cy@other.org");
        assertThat(emails(cond(new SegmentCondition.EngagementAtLeast(0)))).hasSize(4);
        assertThat(segments.preview(cond(new SegmentCondition.EngagementAtLeast(67)), 10).count()).isEqualTo(1);
        assertThat(segments.preview(cond(new SegmentCondition.EngagementAtLeast(68)), 10).count()).isZero();
    }

    @Test
    void hostileKeysAreRefusedAndHostileValuesAreOnlyData() {
        assertThatThrownBy(
                () -> segments.count(cond(new SegmentCondition.AttributeEquals("plan\":\"gold\"} OR 1=1 --", "x"))))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("is not an attribute name");
        assertThatThrownBy(
                () -> segments.count(cond(new SegmentCondition.AttributeExists("a'); DROP TABLE contact; --"))))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> segments.count(cond(new SegmentCondition.EmailDomain("x' OR '1'='1"))))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not a domain");
        assertThat(emails(cond(new SegmentCondition.AttributeEquals("plan", "gold' OR '1'='1")))).isEmpty();
        assertThat(emails(cond(new SegmentCondition.AttributeContains("plan", "%")))).isEmpty();
        assertThat(emails(cond(new SegmentCondition.AttributeContains("plan", ".*")))).isEmpty();
        assertThat(emails(cond(new SegmentCondition.AttributeContains("note", "\",\"plan"))))
            .containsExactly("cy@other.org");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class)).isEqualTo(6);
    }

    @Test
    void savedSegmentsRoundTripAndAnalysisReplacesByName() {
        SegmentView saved = segments.create("Gold in Berlin",
                new SegmentDefinition(AudienceFilter.anyOf("vip"),
                        List.of(new SegmentCondition.AttributeEquals("plan", "gold"),
                                new SegmentCondition.CreatedSince(Instant.parse("2020-01-01T00:00:00Z")))),
                Actor.system());
        assertThat(segments.get(saved.id()).definition()).isEqualTo(saved.definition());
        assertThat(saved.description())
            .isEqualTo("active contacts tagged any of vip who plan is \"gold\" and added since 2020-01-01T00:00:00Z");
        SegmentView first = segments.saveFromAnalysis("Inactive 90 days",
                cond(new SegmentCondition.InactiveForDays(90)), Actor.system());
        SegmentView again = segments.saveFromAnalysis("inactive 90 days",
                cond(new SegmentCondition.InactiveForDays(120)), Actor.system());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(segments.definition(first.id()).conditions())
            .containsExactly(new SegmentCondition.InactiveForDays(120));
        assertThatThrownBy(() -> segments.create("x", cond(new SegmentCondition.Opened(999_999, true)), Actor.system()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no campaign 999999");
    }

    private List<String> emails(SegmentDefinition definition) {
        return segments.preview(definition, 100).sample().stream().map(SegmentPreview.Member::email).sorted().toList();
    }

    private static SegmentDefinition cond(SegmentCondition condition) {
        return new SegmentDefinition(null, List.of(condition));
    }

    private long add(String email, Map<String, String> attributes, String... tags) {
        return contacts
            .create(new NewContact(email, null, null, null, attributes, Set.of(tags), "test"), Actor.system())
            .id();
    }

    private void recipient(String email, String firstOpen, String humanOpen, String humanClick) {
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at, sent_at, "
                        + "first_open_at, human_open_at, first_click_at, human_click_at) SELECT ?, id, email, 'SENT', 1, now(), now(), "
                        + (firstOpen == null ? "NULL" : "now()") + ", " + (humanOpen == null ? "NULL" : "now()") + ", "
                        + (humanClick == null ? "NULL" : "now()") + ", " + (humanClick == null ? "NULL" : "now()")
                        + " FROM contact WHERE email = ?",
                campaign, email);
    }

}
