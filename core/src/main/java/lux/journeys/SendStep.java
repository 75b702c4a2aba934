package lux.journeys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import lux.campaigns.Senders;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactView;
import lux.delivery.DeliveryProperties;
import lux.delivery.MailboxGate;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentSql;
import lux.shared.SqlDialect;
import lux.shared.Unnest;
import lux.templates.TemplateRenderException;
import lux.tracking.ComposedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A send step for a batch of claimed enrolments, at most once per contact:
 * <ol>
 * <li>one transaction writes a recipient row (SENDING, under the batch's claim token) in
 * the step's campaign, for contacts that may be mailed now (active, not suppressed, not
 * paused — the campaign audience rule, checked at the send) and have not had this mail in
 * this occurrence (a yearly date journey mails again next year);</li>
 * <li>each message gets a slot under the mailbox limits, is checked against an erasure
 * since, and goes to the transport;</li>
 * <li>one transaction records the outcomes, writes the step's run rows (once, with their
 * outcome) and moves the contacts on.</li>
 * </ol>
 * A crash between 1 and 3 leaves SENDING recipient rows and no run row: the lease
 * resolver finds the begun sends by their recipient rows, fails them as unknown and never
 * sends them again. A transient error or a full mailbox undoes step 1 (nothing left) and
 * tries later.
 */
@Component
class SendStep {

    private static final Logger log = LoggerFactory.getLogger(SendStep.class);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final SqlDialect dialect;

    private final MailboxGate gate;

    private final StepMail mail;

    private final Senders senders;

    private final EnrolmentStore store;

    private final JourneyProperties properties;

    private final Clock clock;

    /**
     * Renders and (for transports that send one by one) sends a batch's messages, as many
     * at once as delivery's sender threads ({@code lux.delivery.worker-threads}).
     */
    private final ExecutorService workers;

    SendStep(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, MailboxGate gate, StepMail mail,
            Senders senders, EnrolmentStore store, JourneyProperties properties, DeliveryProperties delivery,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.gate = gate;
        this.mail = mail;
        this.senders = senders;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(delivery.workerThreads(), r -> {
            Thread t = new Thread(r, "lux-journey-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        workers.shutdown();
    }

    /** A recipient row written for a claimed enrolment. */
    private record Begun(ClaimedEnrolment enrolment, long recipientId, String email, String messageId) {
    }

    /**
     * A begun recipient's message, on a worker thread: rendered and admitted (for a batch
     * transport), or sent as soon as admitted (one by one), or why not.
     */
    private sealed interface Prepared permits Ready, Delivered, Erased, Unrenderable, NoSlot {

    }

    /** Rendered and counted against a mailbox, ready for the batch transport. */
    private record Ready(OutgoingMessage message) implements Prepared {
    }

    /** Sent one by one, with the transport's answer. */
    private record Delivered(SendResult result) implements Prepared {
    }

    /** Erased since step 1: not mailed. */
    private record Erased() implements Prepared {
    }

    private record Unrenderable(String reason) implements Prepared {
    }

    /** Not tried: no mailbox has room before {@code until}, or the batch was stopped. */
    private record NoSlot(Instant until) implements Prepared {
    }

    private static final String ERASED = "address erased on request";

    /**
     * On a worker: the message rendered, then a mailbox slot for it. For a batch
     * transport the slot goes back at once (a database batch holds no request open) and
     * the message waits for the batch; otherwise it is sent on the slot right away, as
     * delivery's sender does, so a mailbox's concurrency limit lets the next message go
     * as soon as one is done (holding every slot of the batch until all were admitted
     * left the rest waiting for a slot that could not come).
     */
    private Prepared prepare(long campaignId, Begun b, ContactView contact, List<String> from, boolean batched,
            AtomicReference<SendResult> stop) {
        if (stop.get() != null) {
            return new NoSlot(clock.instant().plus(properties.retryDelay()));
        }
        ComposedMessage composed;
        try {
            composed = mail.compose(campaignId, b.recipientId(), contact);
        }
        catch (TemplateRenderException | NullPointerException e) {
            return new Unrenderable("template error: " + e.getMessage());
        }
        MailboxGate.Admission admission = gate.admit(from);
        if (admission instanceof MailboxGate.NotBefore wait) {
            return new NoSlot(wait.until());
        }
        MailboxGate.Admitted admitted = (MailboxGate.Admitted) admission;
        OutgoingMessage message = outgoing(campaignId, b, composed, admitted.sender());
        if (batched) {
            gate.release(admitted);
            return new Ready(message);
        }
        if (stop.get() != null) {
            gate.release(admitted); // another message of the batch was refused: send no
                                    // more
            return new NoSlot(clock.instant().plus(properties.retryDelay()));
        }
        try {
            // right before the transport: a contact erased since step 1 is not mailed
            if (stillSending(List.of(b)).isEmpty()) {
                gate.release(admitted);
                return new Erased();
            }
        }
        catch (RuntimeException e) {
            gate.release(admitted);
            throw e;
        }
        SendResult result = gate.send(admitted, message);
        if (!(result instanceof SendResult.Sent || result instanceof SendResult.Permanent
                || result instanceof SendResult.Unknown || result instanceof SendResult.Transient)) {
            stop.compareAndSet(null, result); // the account or configuration was refused
        }
        return new Delivered(result);
    }

    private static Prepared done(Future<Prepared> f, boolean batched) {
        try {
            return f.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof Error fatal) {
                throw fatal; // as on the loop's own thread: the batch stops, its lease
                             // resolves it
            }
            // MailboxGate.send never throws: whatever this was came before the transport
            return new Unrenderable("internal error while rendering: " + e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // sending one by one, the worker may still send it: unknown, never sent again
            return batched ? new NoSlot(Instant.now().plusSeconds(1))
                    : new Delivered(new SendResult.Unknown("interrupted while sending"));
        }
    }

    /** Runs the step; the transitions are applied here, with the recipients' outcomes. */
    void run(List<ClaimedEnrolment> batch, JourneyStore.StoredStep step, Next next) {
        long campaignId = step.campaignId();
        Map<Long, Begun> begun = batch.get(0).begun() ? begunByClaim(batch, campaignId) : begin(batch, step);
        List<Transition> transitions = new ArrayList<>();
        List<Object[]> recipients = new ArrayList<>();
        List<Begun> undo = new ArrayList<>();
        for (ClaimedEnrolment e : batch) {
            if (!begun.containsKey(e.id())) {
                transitions.add(next.afterSend(e, step, "SKIPPED", null,
                        "not mailed: unsubscribed, bounced, suppressed, paused, or had this mail already"));
            }
        }
        Map<Long, ContactView> contacts;
        List<String> from;
        try {
            contacts = mail.contacts(begun.values().stream().map(b -> b.enrolment().contactId()).toList());
            from = senders.of(null);
        }
        catch (RuntimeException e) {
            giveBack(batch);
            throw e;
        }
        boolean batched = gate.sendsBatches();
        AtomicReference<SendResult> stop = new AtomicReference<>();
        List<Begun> all = new ArrayList<>(begun.values());
        List<Future<Prepared>> prepared = new ArrayList<>(all.size());
        for (Begun b : all) {
            ContactView contact = contacts.get(b.enrolment().contactId());
            prepared.add(workers.submit(() -> prepare(campaignId, b, contact, from, batched, stop)));
        }
        Map<Begun, OutgoingMessage> ready = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Begun b = all.get(i);
            Prepared p = done(prepared.get(i), batched);
            if (p instanceof Unrenderable failed) {
                recipients.add(recipient(b, "FAILED", failed.reason(), null));
                transitions.add(next.afterSend(b.enrolment(), step, "FAILED", b.recipientId(), "template error"));
            }
            else if (p instanceof NoSlot wait) {
                undo.add(b);
                transitions.add(Transition.handBack(b.enrolment(), wait.until(), b.enrolment().attempts()));
            }
            else if (p instanceof Erased) {
                transitions.add(next.afterSend(b.enrolment(), step, "SKIPPED", b.recipientId(), ERASED));
            }
            else if (p instanceof Delivered d) {
                outcome(b, step, d.result(), next, transitions, recipients, undo);
            }
            else {
                ready.put(b, ((Ready) p).message());
            }
        }
        if (!ready.isEmpty()) {
            // right before the transport: a contact erased since step 1 is not mailed
            List<Long> live = stillSending(ready.keySet());
            ready.keySet().removeIf(b -> {
                if (live.contains(b.recipientId())) {
                    return false;
                }
                transitions.add(next.afterSend(b.enrolment(), step, "SKIPPED", b.recipientId(), ERASED));
                return true;
            });
            List<Begun> order = new ArrayList<>(ready.keySet());
            List<SendResult> results = gate.sendAll(new ArrayList<>(ready.values()));
            for (int i = 0; i < order.size(); i++) {
                outcome(order.get(i), step, results.get(i), next, transitions, recipients, undo);
            }
        }
        tx.executeWithoutResult(s -> {
            recordOutcomes(recipients);
            undo(undo);
            store.apply(transitions);
        });
    }

    private void outcome(Begun b, JourneyStore.StoredStep step, SendResult result, Next next,
            List<Transition> transitions, List<Object[]> recipients, List<Begun> undo) {
        ClaimedEnrolment e = b.enrolment();
        if (result instanceof SendResult.Sent sent) {
            recipients.add(recipient(b, "SENT", null, sent.providerMessageId()));
            transitions.add(next.afterSend(e, step, "SENT", b.recipientId(), null));
        }
        else if (result instanceof SendResult.Permanent p) {
            recipients.add(recipient(b, "FAILED", p.reason(), null));
            transitions.add(next.afterSend(e, step, "FAILED", b.recipientId(), p.reason()));
        }
        else if (result instanceof SendResult.Unknown u) {
            recipients.add(recipient(b, "FAILED", "unknown outcome: " + u.reason(), null));
            transitions.add(next.afterSend(e, step, "UNKNOWN", b.recipientId(), u.reason()));
        }
        else if (result instanceof SendResult.Transient t && e.attempts() + 1 >= properties.maxAttempts()) {
            recipients.add(recipient(b, "FAILED", t.reason(), null));
            transitions.add(next.afterSend(e, step, "FAILED", b.recipientId(), t.reason()));
        }
        else {
            // nothing left the building (transient, or the account or configuration was
            // refused): undo the rows and try later
            undo.add(b);
            Instant later = clock.instant()
                .plus(result instanceof SendResult.Transient t && t.retryAfter() != null ? t.retryAfter()
                        : properties.retryDelay());
            transitions.add(Transition.handBack(e, later, e.attempts() + 1));
            if (!(result instanceof SendResult.Transient)) {
                log.warn("Journey {} mail not sent, trying again later: {}", e.journeyId(), result);
            }
        }
    }

    /**
     * Step 1 where the claim did not do it (H2), in one transaction; the enrolments that
     * may be mailed, by enrolment id.
     */
    private Map<Long, Begun> begin(List<ClaimedEnrolment> batch, JourneyStore.StoredStep step) {
        String token = batch.get(0).claimToken();
        List<Long> ids = batch.stream().map(ClaimedEnrolment::id).toList();
        String in = EnrolmentStore.placeholders(ids.size());
        Instant now = clock.instant();
        SegmentSql sendable = SegmentSql.of(SegmentDefinition.of(AudienceFilter.everyone()), dialect, now);
        return tx.execute(s -> {
            List<Object> args = new ArrayList<>(
                    List.of(step.campaignId(), token, Timestamp.from(now), Timestamp.from(now), token));
            args.addAll(ids);
            args.addAll(sendable.args());
            jdbc.update("INSERT INTO campaign_recipient (campaign_id, contact_id, email, occurrence, status, attempts, "
                    + "claim_token, claimed_at, created_at) SELECT ?, c.id, c.email, e.occurrence, 'SENDING', 1, ?, ?, ? "
                    + "FROM journey_enrolment e "
                    + "JOIN contact c ON c.id = e.contact_id WHERE e.claim_token = ? AND e.id IN (" + in + ") AND "
                    + sendable.where() + " ON CONFLICT DO NOTHING", args.toArray());
            // the rows just written, found by the unique (campaign, address, occurrence)
            // key: a join on status or on the campaign alone let the planner, with
            // statistics that lag a growing step campaign, scan the campaign's rows for
            // every batch (a million contacts' journey sent 500 mails a second)
            List<Object> joinArgs = new ArrayList<>(List.of(step.campaignId(), token, token));
            joinArgs.addAll(ids);
            Map<Long, ClaimedEnrolment> byId = new HashMap<>();
            batch.forEach(e -> byId.put(e.id(), e));
            Map<Long, Begun> begun = new LinkedHashMap<>();
            jdbc.query("SELECT e.id, r.id, r.email FROM journey_enrolment e JOIN contact c ON c.id = e.contact_id "
                    + "JOIN campaign_recipient r ON r.campaign_id = ? AND r.email = c.email AND r.occurrence = e.occurrence "
                    + "AND r.claim_token = ? " + "WHERE e.claim_token = ? AND e.id IN (" + in + ") ORDER BY e.id",
                    rs -> {
                        long recipient = rs.getLong(2);
                        begun.put(rs.getLong(1), new Begun(byId.get(rs.getLong(1)), recipient, rs.getString(3),
                                "lux-c" + step.campaignId() + "-r" + recipient));
                    }, joinArgs.toArray());
            if (begun.isEmpty()) {
                return begun;
            }
            List<Object> recipientIds = begun.values().stream().map(b -> (Object) b.recipientId()).toList();
            jdbc.update(
                    "UPDATE campaign_recipient SET lux_message_id = CONCAT('lux-c', CAST(campaign_id AS VARCHAR(20)), "
                            + "'-r', CAST(id AS VARCHAR(20))) WHERE id IN ("
                            + EnrolmentStore.placeholders(recipientIds.size()) + ")",
                    recipientIds.toArray());
            return begun;
        });
    }

    /** Step 1 as the claim did it (PostgreSQL, see EnrolmentStore#claim). */
    private static Map<Long, Begun> begunByClaim(List<ClaimedEnrolment> batch, long campaignId) {
        Map<Long, Begun> begun = new LinkedHashMap<>();
        for (ClaimedEnrolment e : batch) {
            if (e.recipientId() != null) {
                begun.put(e.id(),
                        new Begun(e, e.recipientId(), e.email(), "lux-c" + campaignId + "-r" + e.recipientId()));
            }
        }
        return begun;
    }

    /**
     * Before anything went to the transport: the batch's begun recipient rows go and its
     * enrolments are handed back untouched, to run again after the retry delay. Best
     * effort (the failure that calls this may be the database's): what stays is resolved
     * by the lease, as unknown.
     */
    void giveBack(List<ClaimedEnrolment> batch) {
        List<Object[]> rows = new ArrayList<>();
        for (ClaimedEnrolment e : batch) {
            if (e.recipientId() != null) {
                rows.add(new Object[] { e.recipientId(), e.claimToken() });
            }
        }
        Instant later = clock.instant().plus(properties.retryDelay());
        try {
            tx.executeWithoutResult(s -> {
                if (!rows.isEmpty()) {
                    jdbc.batchUpdate(
                            "DELETE FROM campaign_recipient WHERE id = ? AND claim_token = ? AND status = 'SENDING'",
                            rows);
                }
                store.apply(batch.stream().map(e -> Transition.handBack(e, later, e.attempts())).toList());
            });
        }
        catch (RuntimeException e) {
            log.warn("Could not hand back {} journey sends that had begun; their lease resolves them", batch.size(), e);
        }
    }

    /** Of these, the recipient rows still SENDING to the address they were begun with. */
    private List<Long> stillSending(java.util.Collection<Begun> begun) {
        if (begun.isEmpty()) {
            return List.of();
        }
        Map<Long, String> emails = new HashMap<>();
        begun.forEach(b -> emails.put(b.recipientId(), b.email()));
        List<Long> live = new ArrayList<>();
        List<Long> ids = new ArrayList<>(emails.keySet());
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            // by primary key only (see RecipientStore.record on a status predicate)
            jdbc.query("SELECT id, email, status FROM campaign_recipient WHERE id IN ("
                    + EnrolmentStore.placeholders(chunk.size()) + ")", rs -> {
                        if ("SENDING".equals(rs.getString(3)) && rs.getString(2).equals(emails.get(rs.getLong(1)))) {
                            live.add(rs.getLong(1));
                        }
                    }, chunk.toArray());
        }
        return live;
    }

    /** Nothing was sent for these: their rows go, so the step can run again later. */
    private void undo(List<Begun> undo) {
        if (undo.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Begun b : undo) {
            rows.add(new Object[] { b.recipientId(), b.enrolment().claimToken() });
        }
        jdbc.batchUpdate("DELETE FROM campaign_recipient WHERE id = ? AND claim_token = ? AND status = 'SENDING'",
                rows);
    }

    /**
     * The recipient rows' outcomes, under the batch's claim token (a row holds one only
     * while SENDING). On PostgreSQL one UPDATE ... FROM unnest(arrays) by primary key: a
     * JDBC batch of 500 single-row updates kept the database's CPU busy at a third of
     * delivery's rate.
     */
    private void recordOutcomes(List<Object[]> recipients) {
        Unnest.write(jdbc, dialect, recipients,
                "UPDATE campaign_recipient SET status = ?, last_error = ?, provider_message_id = ?, "
                        + "sent_at = ?, claim_token = NULL WHERE id = ? AND claim_token = ?",
                "UPDATE campaign_recipient r SET status = v.status, last_error = v.error, "
                        + "provider_message_id = v.provider, sent_at = CAST(v.sent_at AS TIMESTAMP WITH TIME ZONE), "
                        + "claim_token = NULL FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], "
                        + "?::text[]) AS v(status, error, provider, sent_at, id, token) "
                        + "WHERE r.id = v.id AND r.claim_token = v.token",
                "text", "text", "text", "text", "bigint", "text");
    }

    private Object[] recipient(Begun b, String status, String error, String providerId) {
        return new Object[] { status, error == null ? null : limit(error, 1000),
                providerId == null ? null : limit(providerId, 200),
                "SENT".equals(status) ? Timestamp.from(clock.instant()) : null, b.recipientId(),
                b.enrolment().claimToken() };
    }

    private static OutgoingMessage outgoing(long campaignId, Begun b, ComposedMessage composed, String sender) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(OutgoingMessage.MESSAGE_ID_HEADER, b.messageId());
        return new OutgoingMessage(campaignId, b.recipientId(), b.messageId(), sender, b.email(), composed.subject(),
                composed.html(), composed.text(), headers, composed.unsubscribeUrl());
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
