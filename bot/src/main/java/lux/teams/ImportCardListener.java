package lux.teams;

import com.microsoft.bot.schema.ResourceResponse;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lux.agent.TeamsMessages;
import lux.config.CoreProperties;
import lux.imports.ContactImportService;
import lux.imports.ImportEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One card per import in the importing user's personal chat (its error lines are personal
 * data, even when the import was asked for in a channel): posted on the first event, then
 * updated in place (at most every {@code lux.teams.progress-update-interval}) until the
 * result replaces it. Which card that is lives in the database ({@link ShownCards}), so
 * any instance can update it.
 */
@Component
class ImportCardListener {

    static final int PROBLEMS_ON_CARD = 5;

    private final TeamsMessenger messenger;

    private final ShownCards shown;

    private final ProgressCards cards;

    private final ContactImportService imports;

    private final CoreProperties core;

    private final TeamsProperties properties;

    private final TeamsMessages messages;

    ImportCardListener(TeamsMessenger messenger, ShownCards shown, ProgressCards cards, ContactImportService imports,
            CoreProperties core, TeamsProperties properties, TeamsMessages messages) {
        this.messages = messages;
        this.messenger = messenger;
        this.shown = shown;
        this.cards = cards;
        this.imports = imports;
        this.core = core;
        this.properties = properties;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onImport(ImportEvent event) {
        if (event.userId() != null) {
            messenger.submit(() -> imported(event), event instanceof ImportEvent.Progress);
        }
    }

    private void imported(ImportEvent e) {
        boolean finished = e instanceof ImportEvent.Finished;
        var card = shown.importCard(e.importId());
        if (card.isPresent() && !finished
                && !shown.claimImportUpdate(e.importId(), properties.progressUpdateInterval())) {
            return;
        }
        if (card.isEmpty()) {
            messenger.personalChat(e.userId()).ifPresent(chat -> {
                ResourceResponse sent = messenger.post(chat, Replies.card(content(e, chat.locale())));
                if (sent != null && sent.getId() != null && !finished) {
                    shown.saveImportCard(e.importId(),
                            new ShownCards.Shown(chat.reference().getConversation().getId(), sent.getId()));
                }
            });
        }
        else {
            messenger.conversation(card.get().conversationId())
                .ifPresent(chat -> messenger.update(chat, card.get().activityId(),
                        Replies.card(content(e, chat.locale()))));
        }
        if (finished) {
            shown.forgetImportCard(e.importId());
        }
    }

    /** The card in the language of the chat it goes to. */
    private Card content(ImportEvent e, Locale locale) {
        return e instanceof ImportEvent.Progress p ? cards.importProgress(p, locale)
                : importResult((ImportEvent.Finished) e, locale);
    }

    /**
     * The first refused rows from the import's error report ("line 4: not-an-email —
     * reason") and the console's copy.
     */
    private Card importResult(ImportEvent.Finished f, Locale locale) {
        List<String> problems = new ArrayList<>();
        imports.errorReport(f.importId()).ifPresent(csv -> {
            try (CSVParser rows = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
                for (CSVRecord row : rows) {
                    if (problems.size() == PROBLEMS_ON_CARD) {
                        break;
                    }
                    problems.add(messages.text(locale, "card.import.line", row.get(0), row.get(1), row.get(2)));
                }
            }
            catch (IOException | RuntimeException e) {
                problems.add(messages.text(locale, "card.import.seeReport"));
            }
        });
        String url = core.publicBaseUrl().toString().replaceAll("/+$", "") + "/admin/imports/" + f.importId()
                + "/errors.csv";
        return cards.importResult(f, url, problems, locale);
    }

}
