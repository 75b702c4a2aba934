package lux.teams;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.TeamsMessages;
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
        List<Map<String, Object>> facts = new ArrayList<>(List.of(
                FactCards.fact(messages.text(locale, "card.stats.status"), p.status()),
                FactCards.fact(messages.text(locale, "card.progress.sent"),
                        messages.text(locale, "card.progress.sentValue", String.valueOf(p.sent()),
                                String.valueOf(p.total()))),
                FactCards.fact(messages.text(locale, "card.stats.failedSkipped"), p.failed() + " / " + p.skipped())));
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

    Card importProgress(ImportEvent.Progress p) {
        String done = p.rowsTotal() == null ? p.rowsDone() + " rows read"
                : p.rowsDone() + " of " + p.rowsTotal() + " rows";
        return factCards.render("Importing " + p.fileName(), "Working on it; this card updates as the import runs.",
                List.of(FactCards.fact("Progress", done), FactCards.fact("Invalid rows so far", p.invalid())), null,
                List.of(), Locale.ENGLISH);
    }

    /**
     * The result with counts and, when rows were refused, the first problems by line and
     * the full report's address.
     */
    Card importResult(ImportEvent.Finished f, String errorReportUrl, List<String> firstProblems) {
        String text = f.failure() != null ? "The file was refused: " + f.failure()
                : f.cancelled() ? "The import was cancelled; rows already read are kept." : "Import finished.";
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(FactCards.fact("Created", f.created()), FactCards.fact("Updated", f.updated()),
                        FactCards.fact("Skipped", f.skipped()), FactCards.fact("Invalid", f.invalid())));
        if (f.invalid() > 0 || f.skipped() > 0) {
            firstProblems.forEach(problem -> facts.add(FactCards.fact("Not imported", problem)));
            if (errorReportUrl != null) {
                facts.add(FactCards.fact("Error report", errorReportUrl));
            }
        }
        return factCards.render("Import of " + f.fileName(), text, facts, null, List.of(), Locale.ENGLISH);
    }

    Card notice(String title, String text) {
        return factCards.render(title, text, List.of(), null, List.of(), Locale.ENGLISH);
    }

    /** What the live sending card shows. */
    record Progress(long campaignId, String campaignName, String status, long total, long sent, long failed,
            long skipped, Instant estimatedFinish, String note, boolean running) {
        static Progress of(CampaignView c, String status, Instant estimatedFinish, String note, boolean running) {
            return new Progress(c.id(), c.name(), status, c.recipientsTotal(), c.sentCount(), c.failedCount(),
                    c.skippedCount(), estimatedFinish, note, running);
        }
    }

}
