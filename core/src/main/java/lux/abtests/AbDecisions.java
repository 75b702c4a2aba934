package lux.abtests;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.shared.LuxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides A/B tests: once the wait is over and the test share is sent, LUX sends the
 * leader (automatic mode; a too-close result still sends the leader, see
 * {@link AbStatistics}) or asks a person to choose (manual mode). The winner goes to the
 * rest as a new campaign with the test campaign's audience, scheduled now through the one
 * schedule plan (suppression, opt-outs, approval and pre-flight as for any send); at
 * materialisation it leaves out every test recipient. The decision is claimed with a
 * conditional update in the same transaction that creates the winner campaign, so it
 * happens once across instances.
 */
@Component
class AbDecisions {

    private static final Logger log = LoggerFactory.getLogger(AbDecisions.class);

    private final AbTestStore store;

    private final CampaignService campaigns;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate tx;

    private final Clock clock;

    AbDecisions(AbTestStore store, CampaignService campaigns, AuditService audit, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Every test due for its decision; returns how many this call decided or handed over.
     */
    int decideDue() {
        int decided = 0;
        for (long id : store.due(clock.instant())) {
            try {
                if (decideOne(id)) {
                    decided++;
                }
            }
            catch (RuntimeException e) {
                log.error("A/B test {} could not be decided; trying again next tick", id, e);
            }
        }
        return decided;
    }

    private boolean decideOne(long id) {
        AbTestStore.Row test = store.byId(id).orElseThrow();
        CampaignView campaign = campaigns.get(test.campaignId());
        if (campaign.status() != CampaignStatus.SENT) {
            String why = "The test send was " + campaign.status().label() + "; nothing was sent to the rest.";
            boolean claimed = store.claim(id, List.of(AbTestStatus.TESTING), AbTestStatus.DECIDED, why, "LUX",
                    clock.instant());
            if (claimed) {
                events.publishEvent(new AbTestEvent.Decided(test.campaignId(), null, null, "LUX"));
            }
            return claimed;
        }
        AbStatistics.Verdict verdict = verdict(test);
        if (test.mode() == AbMode.MANUAL) {
            boolean claimed = Boolean.TRUE.equals(tx.execute(status -> {
                if (!store.claim(id, List.of(AbTestStatus.TESTING), AbTestStatus.AWAITING_CHOICE,
                        verdict.summary() + " Waiting for a person to choose the winner.", null, clock.instant())) {
                    return false;
                }
                audit.record(Actor.scheduler(), "abtest.await-choice", "campaign", test.campaignId(),
                        verdict.summary());
                return true;
            }));
            if (claimed) {
                events.publishEvent(new AbTestEvent.ChoiceWanted(test.campaignId()));
            }
            return claimed;
        }
        return decide(test, verdict.leader(), Actor.scheduler());
    }

    /**
     * Sends variant {@code variant} to the rest: claims the decision and creates the
     * winner campaign in one transaction, then schedules it (a refusal of the plan leaves
     * it a draft for a person, and says why). False when another instance or person
     * decided first.
     */
    boolean decide(AbTestStore.Row test, int variant, Actor actor) {
        AbStatistics.Verdict verdict = verdict(test);
        boolean byLux = actor.channel() == Channel.SCHEDULER || actor.channel() == Channel.SYSTEM;
        String label = AbStatistics.label(variant);
        String text = (byLux ? "LUX picked " : actor.name() + " picked ") + label + ". " + verdict.summary()
                + (byLux && verdict.tooClose() ? " Too close to call, so LUX sent the variant with the better rate."
                        : "");
        Long winnerId = tx.execute(status -> {
            if (!store.claim(test.id(), List.of(AbTestStatus.TESTING, AbTestStatus.AWAITING_CHOICE),
                    AbTestStatus.DECIDED, text, actor.name(), clock.instant())) {
                return null;
            }
            AbTestStore.VariantRow chosen = store.variants(test.id()).get(variant);
            CampaignView base = campaigns.get(test.campaignId());
            String name = winnerName(base.name(), label);
            CampaignView winner = campaigns
                .create(new NewCampaign(name, chosen.templateId() == null ? base.templateId() : chosen.templateId(),
                        base.sender(), base.audience(), campaigns.segmentOf(base.id())), actor);
            store.setWinner(test.id(), variant, winner.id());
            audit.record(actor, "abtest.decide", "campaign", test.campaignId(), text);
            return winner.id();
        });
        if (winnerId == null) {
            return false;
        }
        try {
            tx.executeWithoutResult(status -> campaigns.schedule(winnerId, null, ZoneId.of("UTC"), actor));
        }
        catch (LuxException e) {
            log.warn("Winner send {} of A/B test {} not scheduled: {}", winnerId, test.campaignId(), e.getMessage());
            tx.executeWithoutResult(status -> store.appendVerdict(test.id(),
                    "The winner campaign was not scheduled and is a draft: " + e.getMessage()));
        }
        log.info("A/B test of campaign {} decided: {}", test.campaignId(), text);
        events.publishEvent(new AbTestEvent.Decided(test.campaignId(), label, winnerId, actor.name()));
        return true;
    }

    private AbStatistics.Verdict verdict(AbTestStore.Row test) {
        return AbStatistics.judge(test.metric(), store.counts(test.campaignId(), store.variants(test.id()).size()));
    }

    static String winnerName(String base, String label) {
        String suffix = " (winner " + label + ")";
        return (base.length() + suffix.length() > 200 ? base.substring(0, 200 - suffix.length()) : base) + suffix;
    }

}
