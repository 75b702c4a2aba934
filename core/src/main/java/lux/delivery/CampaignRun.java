package lux.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lux.besttime.DueTimes;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.IllegalTransitionException;
import lux.campaigns.Senders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * One campaign's run from start to end: audience materialised and SENDING, progress after
 * each batch, PAUSED or FAILED when the account or configuration is refused, SENT or
 * FAILED when every recipient is final. Publishes the {@link DeliveryEvent}s the marketer
 * sees, each once even with several instances.
 */
final class CampaignRun {

    private static final Logger log = LoggerFactory.getLogger(CampaignRun.class);

    private final CampaignService campaigns;

    private final ConfirmedSends confirmed;

    private final AudienceMaterialiser audiences;

    private final RecipientStore store;

    private final ProgressTally tally;

    private final MailboxPool mailboxes;

    private final Senders senderMailboxes;

    private final ApplicationEventPublisher events;

    private final DueTimes dueTimes;

    /**
     * Per campaign, when its last recipient is due (a best-time send), read once per
     * instance: due times do not change once the campaign runs.
     */
    private final Map<Long, Optional<Instant>> lastDue = new ConcurrentHashMap<>();

    CampaignRun(CampaignService campaigns, ConfirmedSends confirmed, AudienceMaterialiser audiences,
            RecipientStore store, ProgressTally tally, MailboxPool mailboxes, Senders senderMailboxes,
            ApplicationEventPublisher events, DueTimes dueTimes) {
        this.dueTimes = dueTimes;
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.confirmed = confirmed;
        this.store = store;
        this.tally = tally;
        this.mailboxes = mailboxes;
        this.senderMailboxes = senderMailboxes;
        this.events = events;
    }

    /**
     * False when the campaign changed after it was confirmed: it went back to draft and
     * nothing was sent.
     */
    boolean start(long id) {
        Optional<String> changed = confirmed.checkBeforeSending(id);
        if (changed.isPresent()) {
            log.warn("Campaign {} not started: {}", id, changed.get());
            return false;
        }
        CampaignView campaign = campaigns.get(id);
        long inserted = audiences.materialise(id);
        CampaignView sending = campaigns.transition(id, CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        CampaignView counted = tally.counted(id);
        log.info("Campaign {} \"{}\" started: {} recipients ({} new)", id, sending.name(), counted.recipientsTotal(),
                inserted);
        events.publishEvent(new DeliveryEvent.Started(id, sending.name(), counted.recipientsTotal(),
                finish(campaign, counted.remaining())));
        finishIfDone(id);
        return true;
    }

    /** After a batch: the counters with its outcomes, published as progress. */
    void progressed(CampaignView campaign, List<Outcome> outcomes) {
        CampaignView counted = tally.afterBatch(campaign.id(), outcomes);
        events.publishEvent(new DeliveryEvent.Progress(campaign.id(), campaign.name(), counted.recipientsTotal(),
                counted.sentCount(), counted.failedCount(), counted.skippedCount(),
                finish(campaign, counted.remaining())));
    }

    /**
     * A refused account pauses the campaign, a broken configuration fails it; the
     * marketer hears about it once.
     */
    void stop(CampaignView campaign, SendResult refusal) {
        try {
            if (refusal instanceof SendResult.Unauthorized u) {
                campaigns.transition(campaign.id(), CampaignStatus.PAUSED, "delivery.pause", Actor.scheduler());
                log.warn("Campaign {} paused: {}", campaign.id(), u.reason());
                events.publishEvent(new DeliveryEvent.Paused(campaign.id(), campaign.name(), u.reason()));
            }
            else if (refusal instanceof SendResult.Fatal f) {
                CampaignView counted = campaigns.transition(campaign.id(), CampaignStatus.FAILED, "delivery.fail",
                        Actor.scheduler());
                log.error("Campaign {} failed: {}", campaign.id(), f.reason());
                events.publishEvent(new DeliveryEvent.Finished(campaign.id(), campaign.name(), CampaignStatus.FAILED,
                        counted.sentCount(), counted.failedCount(), counted.skippedCount()));
            }
        }
        catch (IllegalTransitionException | OptimisticLockingFailureException e) {
            // another worker paused or failed it already: the marketer hears about it
            // once
        }
    }

    /**
     * When every recipient is final: SENT, or FAILED when every one failed. Publishes
     * Finished once.
     */
    void finishIfDone(long campaignId) {
        if (store.anyPendingOrSending(campaignId)) {
            return;
        }
        tally.forget(campaignId);
        lastDue.remove(campaignId);
        CampaignView campaign = tally.counted(campaignId);
        if (campaign.status() != CampaignStatus.SENDING) {
            return;
        }
        CampaignStatus end = OutcomePolicy.finalStatus(campaigns.recipientCounts(campaignId));
        try {
            campaigns.transition(campaignId, end, "delivery.finish", Actor.scheduler());
        }
        catch (IllegalTransitionException | OptimisticLockingFailureException e) {
            return; // another instance finished it first
        }
        log.info("Campaign {} \"{}\" finished {}: {} sent, {} failed, {} skipped", campaignId, campaign.name(),
                end.label(), campaign.sentCount(), campaign.failedCount(), campaign.skippedCount());
        events.publishEvent(new DeliveryEvent.Finished(campaignId, campaign.name(), end, campaign.sentCount(),
                campaign.failedCount(), campaign.skippedCount()));
    }

    /**
     * The mailbox pool's estimate, but never before the last due recipient of a best-time
     * send.
     */
    private Instant finish(CampaignView campaign, long remaining) {
        Instant pool = mailboxes.estimateFinish(remaining, senders(campaign));
        return lastDue.computeIfAbsent(campaign.id(), id -> dueTimes.lastDue(id, pool))
            .filter(pool::isBefore)
            .orElse(pool);
    }

    private List<String> senders(CampaignView campaign) {
        return senderMailboxes.of(campaign.sender());
    }

}
