package lux.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The digest's numbers from a hand-made fixture: the week of Monday 2026-11-23 against
 * the week before, and each user's cadence.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.enabled=false")
class DigestStatsTest {

    static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");

    static final Instant TO = Instant.parse("2026-11-30T00:00:00Z");

    @Autowired
    DigestStats stats;

    @Autowired
    DigestPreferences preferences;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void thisWeekAgainstTheWeekBefore() {
        long template = id(
                "INSERT INTO email_template (name, subject, html_body, created_at, updated_at) "
                        + "VALUES ('T', 'S', '<p>x</p>', ?, ?)",
                ts("2026-11-01T00:00:00Z"), ts("2026-11-01T00:00:00Z"));
        long thisWeek = campaign("This week", template, "2026-11-24T10:00:00Z");
        long lastWeek = campaign("Last week", template, "2026-11-17T10:00:00Z");
        campaign("Before that", template, "2026-11-02T10:00:00Z");
        long ana = contact("ana@example.net", "2026-11-24T09:00:00Z");
        long ben = contact("ben@example.net", "2026-11-25T09:00:00Z");
        long cy = contact("cy@example.net", "2026-11-18T09:00:00Z");
        contact("dee@example.net", "2026-11-30T00:00:00Z"); // the next week
        long r1 = recipient(thisWeek, ana, "ana@example.net", "2026-11-24T10:01:00Z", null);
        long r2 = recipient(thisWeek, ben, "ben@example.net", "2026-11-24T10:02:00Z", null);
        recipient(thisWeek, cy, "cy@example.net", "2026-11-24T10:03:00Z", "2026-11-24T11:00:00Z"); // hard
                                                                                                   // bounce
        long r4 = recipient(lastWeek, cy, "cy@example.net", "2026-11-17T10:00:00Z", null);
        long offer = id(
                "INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, 'https://x.example/offer', ?)",
                thisWeek, ts("2026-11-24T10:00:00Z"));
        long blog = id(
                "INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, 'https://x.example/blog', ?)",
                thisWeek, ts("2026-11-24T10:00:00Z"));
        event(r1, thisWeek, "OPEN", null, "2026-11-24T12:00:00Z", false);
        event(r1, thisWeek, "OPEN", null, "2026-11-25T12:00:00Z", false); // ana twice:
                                                                          // one person
        event(r2, thisWeek, "OPEN", null, "2026-11-24T10:02:05Z", true); // a scanner: no
                                                                         // one
        event(r1, thisWeek, "CLICK", offer, "2026-11-24T12:01:00Z", false);
        event(r1, thisWeek, "CLICK", blog, "2026-11-24T12:02:00Z", false);
        event(r2, thisWeek, "CLICK", blog, "2026-11-24T13:00:00Z", false);
        event(r2, thisWeek, "CLICK", offer, "2026-11-24T10:02:06Z", true); // machine
                                                                           // clicks do
                                                                           // not count
        event(r2, thisWeek, "CLICK", offer, "2026-11-24T10:02:07Z", true);
        event(r4, lastWeek, "OPEN", null, "2026-11-17T12:00:00Z", false);
        event(r4, lastWeek, "OPEN", null, "2026-11-23T00:30:00Z", false); // a last-week
                                                                          // mail opened
                                                                          // this week
        jdbc.update("INSERT INTO suppression (kind, entry, reason, created_at) VALUES ('ADDRESS', 'old@example.net', "
                + "'UNSUBSCRIBED', ?)", ts("2026-11-26T08:00:00Z"));
        jdbc.update("INSERT INTO suppression (kind, entry, reason, created_at) VALUES ('ADDRESS', 'ex@example.net', "
                + "'MANUAL', ?)", ts("2026-11-26T08:00:00Z"));

        DigestNumbers n = stats.numbers(FROM, TO);

        assertThat(n.current()).isEqualTo(new DigestNumbers.Period(1, 2, 2, 2, 2, 1, 1));
        assertThat(n.current().listGrowth()).isZero(); // 2 new, 1 unsubscribed, 1 bounced
        assertThat(n.previous()).isEqualTo(new DigestNumbers.Period(1, 1, 1, 0, 1, 0, 0));
        assertThat(n.bestLink()).isEqualTo(new DigestNumbers.BestLink("https://x.example/blog", 2));
        assertThat(n.journeys()).isEmpty(); // no journeys yet
    }

    @Test
    void activeJourneysShowWhoEnteredAndFinishedInThePeriod() {
        long trial = id(
                "INSERT INTO journey (name, status, trigger_kind, trigger_tag, created_at, updated_at) "
                        + "VALUES ('Trial', 'ACTIVE', 'TAG_ADDED', 'trial', ?, ?)",
                ts("2026-11-01T00:00:00Z"), ts("2026-11-01T00:00:00Z"));
        long old = id(
                "INSERT INTO journey (name, status, trigger_kind, trigger_tag, created_at, updated_at) "
                        + "VALUES ('Old', 'PAUSED', 'TAG_ADDED', 'old', ?, ?)",
                ts("2026-11-01T00:00:00Z"), ts("2026-11-01T00:00:00Z"));
        enrolment(trial, contact("a@example.net", "2026-11-01T00:00:00Z"), "DONE", "2026-11-24T09:00:00Z",
                "2026-11-27T09:00:00Z");
        enrolment(trial, contact("b@example.net", "2026-11-01T00:00:00Z"), "WAITING", "2026-11-25T09:00:00Z", null);
        enrolment(trial, contact("c@example.net", "2026-11-01T00:00:00Z"), "DONE", "2026-11-10T09:00:00Z",
                "2026-11-24T09:00:00Z"); // entered the week before, finished this week
        enrolment(trial, contact("d@example.net", "2026-11-01T00:00:00Z"), "EXCLUDED", "2026-11-24T09:00:00Z", null);
        enrolment(old, contact("e@example.net", "2026-11-01T00:00:00Z"), "WAITING", "2026-11-24T09:00:00Z", null);

        DigestNumbers n = stats.numbers(FROM, TO);

        assertThat(n.journeys()).containsExactly(new DigestNumbers.JourneyProgress("Trial", 2, 2));
    }

    private void enrolment(long journey, long contact, String status, String enrolled, String finished) {
        jdbc.update(
                "INSERT INTO journey_enrolment (journey_id, version, contact_id, status, enrolled_at, finished_at) "
                        + "VALUES (?, 1, ?, ?, ?, ?)",
                journey, contact, status, ts(enrolled), finished == null ? null : ts(finished));
    }

    @Test
    void weeklyUnlessTheUserSaidOtherwiseAndOnlyTheirOwn() {
        var mia = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        var leo = users.create(new NewUser("leo@lux.test", "Leo", null, Role.MARKETER), Actor.system());
        assertThat(preferences.of(mia.getId())).isEqualTo(DigestCadence.WEEKLY);
        preferences.set(new Actor(mia.getId(), "mia@lux.test", Channel.TEAMS), DigestCadence.OFF);
        preferences.set(new Actor(leo.getId(), "leo@lux.test", Channel.TEAMS), DigestCadence.DAILY);
        preferences.set(new Actor(leo.getId(), "leo@lux.test", Channel.TEAMS), DigestCadence.WEEKLY);
        assertThat(preferences.of(mia.getId())).isEqualTo(DigestCadence.OFF);
        assertThat(preferences.chosen()).containsEntry(mia.getId(), DigestCadence.OFF)
            .containsEntry(leo.getId(), DigestCadence.WEEKLY);
        assertThatThrownBy(() -> preferences.set(Actor.system(), DigestCadence.OFF))
            .isInstanceOf(InvalidInputException.class);
    }

    private long campaign(String name, long template, String finished) {
        return id(
                "INSERT INTO campaign (name, template_id, audience, status, finished_at, created_at, updated_at) "
                        + "VALUES (?, ?, '{}', 'SENT', ?, ?, ?)",
                name, template, ts(finished), ts(finished), ts(finished));
    }

    private long contact(String email, String created) {
        return id("INSERT INTO contact (email, status, created_at, updated_at) VALUES (?, 'ACTIVE', ?, ?)", email,
                ts(created), ts(created));
    }

    private long recipient(long campaign, long contact, String email, String sent, String hardBounce) {
        return id(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, sent_at, "
                        + "bounce, bounced_at, created_at) VALUES (?, ?, ?, 'SENT', 1, ?, ?, ?, ?)",
                campaign, contact, email, ts(sent), hardBounce == null ? null : "HARD",
                hardBounce == null ? null : ts(hardBounce), ts(sent));
    }

    private void event(long recipient, long campaign, String kind, Long link, String at, boolean machine) {
        jdbc.update("INSERT INTO tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, machine) "
                + "VALUES (?, ?, ?, ?, ?, ?)", recipient, campaign, kind, link, ts(at), machine);
    }

    private long id(String insert, Object... args) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement(insert, new String[] { "id" });
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    private static Timestamp ts(String at) {
        return Timestamp.from(Instant.parse(at));
    }

}
