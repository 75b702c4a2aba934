package lux.journeys;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import lux.contacts.ContactEvent;
import lux.imports.ImportEvent;
import lux.signup.SignupConfirmed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Events from contacts, imports and sign-ups, turned into enrolments of the journeys they
 * trigger. Listeners run in the publisher's transaction: tagging a contact and entering
 * the journey commit together.
 */
@Component
class JourneyTriggers {

    private static final Logger log = LoggerFactory.getLogger(JourneyTriggers.class);

    private final JourneyStore journeys;

    private final Enrolments enrolments;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    JourneyTriggers(JourneyStore journeys, Enrolments enrolments, JdbcTemplate jdbc, Clock clock) {
        this.journeys = journeys;
        this.enrolments = enrolments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void created(ContactEvent.Created event) {
        for (JourneyView j : journeys.triggeredBy(TriggerKind.CONTACT_CREATED)) {
            enrolments.enrolContacts(j, java.util.List.of(event.contactId()), "");
        }
        for (JourneyView j : journeys.triggeredBy(TriggerKind.TAG_ADDED)) {
            if (event.tags().contains(j.trigger().tag())) {
                enrolments.enrolContacts(j, java.util.List.of(event.contactId()), "");
            }
        }
    }

    @EventListener
    void tagged(ContactEvent.Tagged event) {
        for (JourneyView j : journeys.triggeredBy(TriggerKind.TAG_ADDED)) {
            if (!event.tags().contains(j.trigger().tag())) {
                continue;
            }
            if (event.contactIds() != null) {
                enrolments.enrolContacts(j, event.contactIds(), Enrolments.tagged(), j.trigger().tag());
            }
            else {
                // a filter chose them: every holder who has not been in the journey yet
                // (the holders from before it started are marked excluded)
                enrolments.enrolMatching(j, "", "WAITING", Enrolments.tagged(), j.trigger().tag());
            }
        }
    }

    /** An import: its contacts (created or updated by it) in one set per journey. */
    @EventListener
    void imported(ImportEvent.Finished event) {
        if (event.failure() != null || event.created() + event.updated() == 0) {
            return;
        }
        long n = 0;
        for (JourneyView j : journeys.triggeredBy(TriggerKind.CONTACT_CREATED)) {
            n += enrolments.enrolMatching(j, "", "WAITING", "c.last_import_id = ?", event.importId());
        }
        for (JourneyView j : journeys.triggeredBy(TriggerKind.TAG_ADDED)) {
            n += enrolments.enrolMatching(j, "", "WAITING", "c.last_import_id = ? AND " + Enrolments.tagged(),
                    event.importId(), j.trigger().tag());
        }
        if (n > 0) {
            log.info("Import {} enrolled {} contacts in journeys", event.importId(), n);
        }
    }

    @EventListener
    void signedUp(SignupConfirmed event) {
        for (JourneyView j : journeys.triggeredBy(TriggerKind.SIGNUP_CONFIRMED)) {
            enrolments.enrolContacts(j, java.util.List.of(event.contactId()), "");
        }
    }

    /**
     * Date journeys whose day (in their zone) has not been swept yet: one instance takes
     * the day with a conditional update, then enrols that day's contacts.
     */
    int sweepDates() {
        int swept = 0;
        for (JourneyView j : journeys.triggeredBy(TriggerKind.DATE_ATTRIBUTE)) {
            LocalDate today = clock.instant().atZone(ZoneId.of(j.timeZone())).toLocalDate();
            boolean mine = jdbc.update(
                    "UPDATE journey SET swept_on = ? WHERE id = ? AND (swept_on IS NULL OR swept_on < ?)",
                    java.sql.Date.valueOf(today), j.id(), java.sql.Date.valueOf(today)) == 1;
            if (mine) {
                long n = enrolments.enrolDue(j, today);
                log.info("Journey {} \"{}\": {} contacts enrolled for {}", j.id(), j.name(), n, today);
                swept++;
            }
        }
        return swept;
    }

}
