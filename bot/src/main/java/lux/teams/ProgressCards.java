package lux.teams;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.TeamsMessages;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.imports.ImportEvent;
import org.springframework.stereotype.Component;

/**
 * The cards that report work going on and how it ended: a send's live progress, an
 * import's progress and result, and short notices.
 */
@Component
class ProgressCards {

    private final TeamsMessages messages;

    private final FactCards factCards;

    ProgressCards(CardTemplates templates, TeamsMessages messages) {
        this.messages = messages;
        this.factCards = new FactCards(templates, messages);
    }

    Card progress(Progress p, ZoneId zone, Locale locale) {
        long done = p.sent() + p.failed() + p.skipped();
        int percent = p.total() == 0 ? 0 : (int) Math.min(100, done * 100 / p.total());
        String bar = "█".repeat(percent / 5) + "░".repeat(20 - percent / 5) + " " + percent + "%";
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(FactCards.fact(messages.text(locale, "card.stats.status"), messages.status(locale, p.status())),
                        FactCards.fact(messages.text(locale, "card.progress.sent"),
                                messages.text(locale, "card.progress.sentValue", String.valueOf(p.sent()),
                                        String.valueOf(p.total()))),
                        FactCards.fact(messages.text(locale, "card.stats.failedSkipped"),
                                p.failed() + " / " + p.skipped())));
        if (p.estimatedFinish() != null) {
            facts.add(FactCards.fact(messages.text(locale, "card.progress.finish"),
                    CardFactory.when(p.estimatedFinish(), zone, locale)));
        }
        if (p.note() != null) {
            facts.add(FactCards.fact(messages.text(locale, "card.progress.note"), p.note()));
        }
        Map<String, Object> stats = FactCards.action(messages.text(locale, "card.progress.stats"),
                Map.of("action", "command", "text", "stats " + p.campaignName()));
        List<Map<String, Object>> actions = p.running()
                ? List.of(FactCards.action(messages.text(locale, "card.progress.pause"),
                        Map.of("action", "command", "text", "pause " + p.campaignName())), stats)
                : List.of(stats);
        return factCards.render(messages.text(locale, "card.progress.title", p.campaignName()), bar, facts, null,
                actions, locale);
    }

    Card importProgress(ImportEvent.Progress p, Locale locale) {
        String done = p.rowsTotal() == null
                ? messages.text(locale, "card.import.rowsRead", String.valueOf(p.rowsDone())) : messages.text(locale,
                        "card.import.rowsOf", String.valueOf(p.rowsDone()), String.valueOf(p.rowsTotal()));
        return factCards.render(messages.text(locale, "card.import.progress.title", p.fileName()),
                messages.text(locale, "card.import.progress.text"),
                List.of(FactCards.fact(messages.text(locale, "card.import.progress"), done),
                        FactCards.fact(messages.text(locale, "card.import.invalidSoFar"), p.invalid())),
                null, List.of(), locale);
    }

    /**
     * The result with counts and, when rows were refused, the first problems by line and
     * the full report's address.
     */
    Card importResult(ImportEvent.Finished f, String errorReportUrl, List<String> firstProblems, Locale locale) {
        String text = f.failure() != null ? messages.text(locale, "card.import.refused", f.failure())
                : messages.text(locale, f.cancelled() ? "card.import.cancelled" : "card.import.finished");
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(FactCards.fact(messages.text(locale, "card.import.created"), f.created()),
                        FactCards.fact(messages.text(locale, "card.import.updated"), f.updated()),
                        FactCards.fact(messages.text(locale, "card.import.skipped"), f.skipped()),
                        FactCards.fact(messages.text(locale, "card.import.invalid"), f.invalid())));
        if (f.invalid() > 0 || f.skipped() > 0) {
            firstProblems.forEach(
                    problem -> facts.add(FactCards.fact(messages.text(locale, "card.import.notImported"), problem)));
            if (errorReportUrl != null) {
                facts.add(FactCards.fact(messages.text(locale, "card.import.errorReport"), errorReportUrl));
            }
        }
        return factCards.render(messages.text(locale, "card.import.result.title", f.fileName()), text, facts, null,
                List.of(), locale);
    }

    Card notice(String title, String text) {
        return factCards.render(title, text, List.of(), null, List.of(), Locale.ENGLISH);
    }

    /** What the live sending card shows. */
    record Progress(long campaignId, String campaignName, CampaignStatus status, long total, long sent, long failed,
            long skipped, Instant estimatedFinish, String note, boolean running) {
        Progress withNote(String note) {
            return new Progress(campaignId, campaignName, status, total, sent, failed, skipped, estimatedFinish, note,
                    running);
        }

        static Progress of(CampaignView c, CampaignStatus status, Instant estimatedFinish, String note,
                boolean running) {
            return new Progress(c.id(), c.name(), status, c.recipientsTotal(), c.sentCount(), c.failedCount(),
                    c.skippedCount(), estimatedFinish, note, running);
        }
    }

}
