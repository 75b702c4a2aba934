package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lux.campaigns.CampaignStatus;
import lux.campaigns.RecipientStatus;
import org.junit.jupiter.api.Test;

/**
 * Each transport answer class becomes the recipient's right next state; the
 * campaign-level decisions beside them.
 */
class OutcomePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static OutcomePolicy policy(boolean resendUnknown) {
        return new OutcomePolicy(new DeliveryProperties(true, Duration.ofSeconds(2), 25, 4, 2, Duration.ofMinutes(15),
                resendUnknown, 5, Duration.ofSeconds(2), Duration.ofMinutes(10), List.of(),
                new DeliveryProperties.Limits(true, 30, 10_000, 4, Duration.ofMinutes(2)),
                new DeliveryProperties.YieldToTracking(true, 300, 3000, 0.05, Duration.ofSeconds(1),
                        Duration.ofSeconds(1))),
                CLOCK);
    }

    private static ClaimedRecipient attempt(int attempts) {
        return new ClaimedRecipient(7, 3, 11L, "ada@example.net", attempts, "token-1");
    }

    @Test
    void aSentMessageIsSentWithTheProvidersId() {
        Outcome o = policy(false).of(attempt(1), new SendResult.Sent("provider-9"));
        assertThat(o).isEqualTo(new Outcome(attempt(1), "SENT", null, "provider-9", null, 0));
    }

    @Test
    void aPermanentRefusalFailsTheRecipientAtOnce() {
        Outcome o = policy(false).of(attempt(1), new SendResult.Permanent("550 no such mailbox"));
        assertThat(o).isEqualTo(new Outcome(attempt(1), "FAILED", "550 no such mailbox", null, null, 0));
        assertThat(OutcomePolicy.stopsCampaign(new SendResult.Permanent("550"))).isFalse();
    }

    @Test
    void aRefusedAccountOrBrokenConfigurationQueuesTheRecipientAgainWithoutCountingTheAttemptAndStopsTheCampaign() {
        for (SendResult refused : List.of(new SendResult.Unauthorized("secret expired"),
                new SendResult.Fatal("no sender configured"))) {
            Outcome o = policy(false).of(attempt(5), refused);
            assertThat(o.status()).isEqualTo("PENDING");
            assertThat(o.attemptsDelta()).isEqualTo(-1);
            assertThat(o.nextAttemptAt()).isNull();
            assertThat(o.error()).isIn("secret expired", "no sender configured");
            assertThat(OutcomePolicy.stopsCampaign(refused)).isTrue();
        }
    }

    @Test
    void anUnknownOutcomeFailsTheRecipientSoNobodyGetsItTwice() {
        Outcome o = policy(false).of(attempt(1), new SendResult.Unknown("read timed out"));
        assertThat(o.status()).isEqualTo("FAILED");
        assertThat(o.error()).isEqualTo(RecipientStore.unknownOutcome("read timed out"));
        assertThat(OutcomePolicy.stopsCampaign(new SendResult.Unknown("x"))).isFalse();
    }

    @Test
    void anUnknownOutcomeIsResentAfterABackoffOnlyWhenConfiguredAndAttemptsAreLeft() {
        Outcome resent = policy(true).of(attempt(2), new SendResult.Unknown("connection reset"));
        assertThat(resent.status()).isEqualTo("PENDING");
        assertThat(resent.error()).isEqualTo("resent after an unknown outcome: connection reset");
        assertThat(resent.attemptsDelta()).isZero();
        // second attempt: 2 s doubled once = 4 s, times a jitter in [0.5, 1]
        assertThat(resent.nextAttemptAt()).isBetween(NOW.plusSeconds(2), NOW.plusSeconds(4));

        Outcome last = policy(true).of(attempt(5), new SendResult.Unknown("connection reset"));
        assertThat(last.status()).isEqualTo("FAILED");
        assertThat(last.error()).isEqualTo(RecipientStore.unknownOutcome("connection reset"));
    }

    @Test
    void aTransientErrorWaitsWhatTheServerAskedOrBacksOffAndGivesUpAfterTheLastAttempt() {
        Outcome asked = policy(false).of(attempt(1),
                new SendResult.Transient("429 too many requests", Duration.ofSeconds(90)));
        assertThat(asked)
            .isEqualTo(new Outcome(attempt(1), "PENDING", "429 too many requests", null, NOW.plusSeconds(90), 0));

        Outcome backedOff = policy(false).of(attempt(1), new SendResult.Transient("503", null));
        assertThat(backedOff.status()).isEqualTo("PENDING");
        assertThat(backedOff.nextAttemptAt()).isBetween(NOW.plusSeconds(1), NOW.plusSeconds(2));

        Outcome gaveUp = policy(false).of(attempt(5), new SendResult.Transient("503", Duration.ofSeconds(5)));
        assertThat(gaveUp).isEqualTo(new Outcome(attempt(5), "FAILED", "gave up after 5 attempts: 503", null, null, 0));
        assertThat(OutcomePolicy.stopsCampaign(new SendResult.Transient("503", null))).isFalse();
    }

    @Test
    void noMailboxSlotQueuesTheRecipientUntilOneFreesUpWithoutCountingTheAttempt() {
        OutcomePolicy policy = policy(false);
        Outcome daily = policy.noMailboxSlot(attempt(1), new MailboxPool.Wait(NOW.plusSeconds(3600), true));
        assertThat(daily).isEqualTo(new Outcome(attempt(1), "PENDING",
                "daily sending limit of the sender mailbox reached", null, NOW.plusSeconds(3600), -1));
        Outcome minute = policy.noMailboxSlot(attempt(1), new MailboxPool.Wait(NOW.plusSeconds(30), false));
        assertThat(minute).isEqualTo(new Outcome(attempt(1), "PENDING", null, null, NOW.plusSeconds(30), -1));
    }

    @Test
    void backoffDoublesPerAttemptWithJitterAndIsCapped() {
        OutcomePolicy policy = policy(false);
        for (int i = 0; i < 50; i++) {
            assertThat(policy.backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.backoff(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(policy.backoff(30)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        }
    }

    @Test
    void aCampaignFailsOnlyWhenNobodyWasSentAndSomebodyFailed() {
        assertThat(OutcomePolicy.finalStatus(counts(0, 3, 1))).isEqualTo(CampaignStatus.FAILED);
        assertThat(OutcomePolicy.finalStatus(counts(1, 3, 0))).isEqualTo(CampaignStatus.SENT);
        assertThat(OutcomePolicy.finalStatus(counts(0, 0, 4))).isEqualTo(CampaignStatus.SENT); // everyone
                                                                                               // skipped
        assertThat(OutcomePolicy.finalStatus(counts(0, 0, 0))).isEqualTo(CampaignStatus.SENT); // an
                                                                                               // empty
                                                                                               // audience
    }

    private static Map<RecipientStatus, Long> counts(long sent, long failed, long skipped) {
        Map<RecipientStatus, Long> counts = new EnumMap<>(RecipientStatus.class);
        for (RecipientStatus s : RecipientStatus.values()) {
            counts.put(s, 0L);
        }
        counts.put(RecipientStatus.SENT, sent);
        counts.put(RecipientStatus.FAILED, failed);
        counts.put(RecipientStatus.SKIPPED, skipped);
        return counts;
    }

}
