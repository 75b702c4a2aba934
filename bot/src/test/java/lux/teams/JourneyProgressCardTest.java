package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.agent.TeamsMessages;
import lux.journeys.Engagement;
import lux.journeys.JourneyStats;
import lux.journeys.JourneyStatus;
import lux.journeys.JourneyStep;
import lux.journeys.JourneyView;
import lux.journeys.StepStats;
import lux.journeys.Trigger;
import lux.testsupport.EnglishLeftovers;
import org.junit.jupiter.api.Test;

/**
 * "Watch it happen": one journey's card reads each step's live numbers, in English and in
 * German with no English of the bundle left.
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
                "\nStep 3: if clicked go to step 5, else next\n18 reached · 7 took the yes way, 11 the no way\n",
                "\nStep 4: Send Tips\n11 reached · 11 sent, 4 opened, 1 clicked · 3 ended here\n",
                "\nStep 5: End\n15 reached · 12 ended here\n");
        assertThat(EnglishLeftovers.in(card, "card.", "status.")).as("the scan can fail").isNotEmpty();
    }

    @Test
    void theGermanCardSpeaksGermanWithNoEnglishLeft() {
        String card = GermanCardsTest.texts(edits.journeyProgress(trial, Locale.GERMAN).json());
        assertThat(card).contains("Journey \"Trial\" (läuft)", "40 eingetreten, 25 unterwegs, 15 fertig.",
                "40 erreicht · 38 gesendet, 20 geöffnet, 9 geklickt", "40 erreicht · 22 warten auf ihre Zeit",
                "18 erreicht · 7 nahmen den Ja-Weg, 11 den Nein-Weg", "Schritt 5: End");
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

}
