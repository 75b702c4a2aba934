package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.agent.TeamsMessages;
import lux.journeys.Engagement;
import lux.journeys.JourneyDrafts;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyStatus;
import lux.journeys.JourneyStep;
import lux.journeys.JourneyView;
import lux.journeys.StepStats;
import lux.journeys.Trigger;
import lux.testsupport.EnglishLeftovers;
import org.junit.jupiter.api.Test;

/**
 * "Watch it happen": one journey's card reads each step's live numbers, and the Confirm
 * card its trigger and steps, in English and in German with no English of the bundle
 * left.
 */
class JourneyProgressCardTest {

    final TeamsMessages messages = new TeamsMessages();

    final EditCards edits = new EditCards(new CardTemplates(messages), messages);

    final AgentOutput.JourneyProgress trial = new AgentOutput.JourneyProgress(
            new JourneyView(3, "Trial", JourneyStatus.ACTIVE, 1, Trigger.tagAdded("trial"),
                    List.of(new JourneyStep.Send(1, "Welcome"), new JourneyStep.Wait(Duration.ofDays(3)),
                            new JourneyStep.Branch(Engagement.CLICKED, 4, null), new JourneyStep.Send(2, "Tips"),
                            new JourneyStep.End()),
                    "Europe/Berlin", Instant.EPOCH, Instant.EPOCH),
            new JourneyStats(3, 1, 40, 25, 15,
                    List.of(new StepStats(0, "Send Welcome", 40, 38, 20, 9, 0, 0, 0, 0),
                            new StepStats(1, "Wait 3 days", 40, 0, 0, 0, 22, 0, 0, 0),
                            new StepStats(2, "if clicked go to step 5, else next", 18, 0, 0, 0, 0, 0, 7, 11),
                            new StepStats(3, "Send Tips", 11, 11, 4, 1, 0, 3, 0, 0),
                            new StepStats(4, "End", 15, 0, 0, 0, 0, 12, 0, 0))));

    @Test
    void eachStepShowsItsLiveNumbersInEnglish() {
        String card = GermanCardsTest.texts(edits.journeyProgress(trial, Locale.ENGLISH).json());
        assertThat(card).contains("Journey \"Trial\" (running)", "40 entered, 25 on the way, 15 finished.",
                "\nStep 1: Send Welcome\n40 reached · 38 sent, 20 opened, 9 clicked\n",
                "\nStep 2: Wait 3 days\n40 reached · 22 waiting for their time\n",
                "\nStep 3: If they clicked the previous mail\n18 reached · 7 took the yes way, 11 the no way\n",
                "\nStep 4: Send Tips\n11 reached · 11 sent, 4 opened, 1 clicked · 3 ended here\n",
                "\nStep 5: End\n15 reached · 12 ended here\n");
        assertThat(EnglishLeftovers.in(card, "card.", "status.")).as("the scan can fail").isNotEmpty();
    }

    @Test
    void theGermanCardSpeaksGermanWithNoEnglishLeft() {
        String card = GermanCardsTest.texts(edits.journeyProgress(trial, Locale.GERMAN).json());
        assertThat(card).contains("Journey \"Trial\" (läuft)", "40 eingetreten, 25 unterwegs, 15 fertig.",
                "40 erreicht · 38 gesendet, 20 geöffnet, 9 geklickt", "40 erreicht · 22 warten auf ihre Zeit",
                "18 erreicht · 7 nahmen den Ja-Weg, 11 den Nein-Weg",
                "\nSchritt 1: Welcome senden\n40 erreicht · 38 gesendet, 20 geöffnet, 9 geklickt\n",
                "\nSchritt 2: 3 Tage warten\n40 erreicht · 22 warten auf ihre Zeit\n",
                "\nSchritt 3: Wenn sie in der vorigen Mail geklickt haben\n18 erreicht", "\nSchritt 4: Tips senden\n",
                "\nSchritt 5: Ende\n15 erreicht · 12 endeten hier\n");
        assertThat(card).doesNotContain("Send Welcome", "Wait 3 days", "If they clicked");
        assertThat(EnglishLeftovers.in(card, "card.", "status.")).isEmpty();
    }

    @Test
    void aJourneyNobodyEnteredYetSaysSo() {
        AgentOutput.JourneyProgress empty = new AgentOutput.JourneyProgress(
                new JourneyView(3, "Trial", JourneyStatus.PAUSED, 1, Trigger.tagAdded("trial"),
                        List.of(new JourneyStep.Send(1, "Welcome")), "UTC", Instant.EPOCH, Instant.EPOCH),
                new JourneyStats(3, 1, 0, 0, 0, List.of(new StepStats(0, "Send Welcome", 0, 0, 0, 0, 0, 0, 0, 0))));
        assertThat(GermanCardsTest.texts(edits.journeyProgress(empty, Locale.ENGLISH).json())).contains(
                "Journey \"Trial\" (paused)", "Nobody has entered yet.", "0 reached · 0 sent, 0 opened, 0 clicked");
        assertThat(GermanCardsTest.texts(edits.journeyProgress(empty, Locale.GERMAN).json())).contains("(pausiert)",
                "Noch niemand ist eingetreten.");
    }

    final AgentOutput.JourneyConfirmation confirmation = new AgentOutput.JourneyConfirmation("nonce", "Renewal",
            Trigger.dateAttribute("renewal_date", 7),
            List.of(new JourneyStep.Send(1, "Reminder"), new JourneyStep.Wait(Duration.ofHours(1)),
                    new JourneyStep.WaitUntil(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(9, 0)),
                    new JourneyStep.Branch(Engagement.OPENED, null, 6), new JourneyStep.AddTag("warm"),
                    new JourneyStep.RemoveTag("cold"), new JourneyStep.End()),
            "Europe/Berlin", Instant.parse("2026-11-30T12:00:00Z"));

    @Test
    void theConfirmCardListsTriggerAndStepsInEnglishAsBefore() {
        String card = GermanCardsTest
            .texts(edits.journeyConfirmation(confirmation, java.time.ZoneId.of("UTC"), Locale.ENGLISH).json());
        assertThat(card).contains("\nStarts\n7 days before renewal_date\n", "\nStep 1\nSend Reminder\n",
                "\nStep 2\nWait 1 hour\n", "\nStep 3\nWait until Monday or Friday at 09:00\n",
                "\nStep 4\nif opened go to next, else step 7\n", "\nStep 5\nAdd tag warm\n",
                "\nStep 6\nRemove tag cold\n", "\nStep 7\nEnd\n");
    }

    @Test
    void theGermanConfirmCardWordsTriggerAndStepsInGerman() {
        String card = GermanCardsTest
            .texts(edits.journeyConfirmation(confirmation, java.time.ZoneId.of("UTC"), Locale.GERMAN).json());
        assertThat(card).contains("\nBeginnt\n7 Tage vor renewal_date\n", "\nSchritt 1\nReminder senden\n",
                "\nSchritt 2\n1 Stunde warten\n", "\nSchritt 3\nWarten bis Montag oder Freitag um 09:00\n",
                "\nSchritt 4\nwenn geöffnet: weiter mit dem nächsten Schritt, sonst mit Schritt 7\n",
                "\nSchritt 5\nTag warm hinzufügen\n", "\nSchritt 6\nTag cold entfernen\n", "\nSchritt 7\nEnde\n");
        assertThat(EnglishLeftovers.in(card, "card.", "status.")).isEmpty();
    }

    /**
     * English from the bundle reads exactly as core's own English (the console and the
     * API keep that), for every kind of step and trigger.
     */
    @Test
    void englishPhrasesReadAsCoresDescriptions() {
        List<JourneyStep> steps = List.of(new JourneyStep.Send(1, "Welcome"), new JourneyStep.Wait(Duration.ofDays(1)),
                new JourneyStep.Wait(Duration.ofDays(14)), new JourneyStep.Wait(Duration.ofHours(5)),
                new JourneyStep.Wait(Duration.ofMinutes(1)), new JourneyStep.Wait(Duration.ofMinutes(1441)),
                new JourneyStep.Wait(Duration.ZERO),
                new JourneyStep.WaitUntil(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(8, 30)),
                new JourneyStep.WaitUntil(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                        LocalTime.of(18, 0)),
                new JourneyStep.WaitUntil(EnumSet.noneOf(DayOfWeek.class), LocalTime.of(7, 0)),
                new JourneyStep.WaitUntil(EnumSet.allOf(DayOfWeek.class), LocalTime.of(7, 0)),
                new JourneyStep.Branch(Engagement.CLICKED, 4, null),
                new JourneyStep.Branch(Engagement.OPENED, null, null), new JourneyStep.Branch(Engagement.OPENED, 2, 9),
                new JourneyStep.AddTag("it's {0}"), new JourneyStep.RemoveTag("vip"), new JourneyStep.End());
        for (JourneyStep step : steps) {
            assertThat(messages.phrase(Locale.ENGLISH, step.phrase())).as(step.toString()).isEqualTo(step.describe());
            assertThat(messages.phrase(Locale.ENGLISH, JourneyDrafts.linePhrase(step))).as(step.toString())
                .isEqualTo(JourneyDrafts.line(step));
        }
        for (Trigger trigger : List.of(Trigger.tagAdded("trial"), Trigger.contactCreated(), Trigger.signupConfirmed(),
                Trigger.dateAttribute("renewal_date", 0), Trigger.dateAttribute("renewal_date", 1),
                Trigger.dateAttribute("birthday", 1500))) {
            assertThat(messages.phrase(Locale.ENGLISH, trigger.phrase())).isEqualTo(trigger.describe());
        }
        assertThat(messages.phrase(Locale.GERMAN, new JourneyStep.Wait(Duration.ofMinutes(1441)).phrase()))
            .isEqualTo("1441 Minuten warten");
        assertThat(messages.phrase(Locale.GERMAN, Trigger.dateAttribute("birthday", 0).phrase()))
            .isEqualTo("am Tag von birthday");
    }

}
