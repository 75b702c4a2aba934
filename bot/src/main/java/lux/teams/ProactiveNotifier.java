package lux.teams;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import lux.config.CoreProperties;
import lux.imports.ContactImportService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.SendApprovalService;
import lux.delivery.DeliveryEvent;
import lux.imports.ImportEvent;
import lux.users.User;
import lux.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the campaign's owner in Teams (in their personal chat, never a channel) when sending starts, finishes,
 * fails or is paused by LUX, and keeps one progress card per campaign updated in place (at most every {@code lux.teams.progress-update-interval}).
 * Runs after the change commits, on one background thread so events stay in order and never slow the sender.
 */
@Component
class ProactiveNotifier {
    private static final Logger log = LoggerFactory.getLogger(ProactiveNotifier.class);
    private final BotFrameworkHttpAdapter adapter;
    private final BotSettings settings;
    private final ConversationStore conversations;
    private final CardFactory cards;
    private final CampaignService campaigns;
    private final TeamsSender sender;
    private final TeamsProperties properties;
    private final Clock clock;
    private final NotificationQueue queue;
    private final Map<Long, Instant> lastUpdate = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastImportUpdate = new ConcurrentHashMap<>();
    private final ContactImportService imports;
    private final CoreProperties core;
    private final UserService users;
    private final SendApprovalService approvals;
    private final ServiceUrlPolicy serviceUrls;
    private final PrivateChat privateChat;
    /** Import cards live only as long as the import runs, so memory is enough. */
    private final Map<Long, ConversationStore.ProgressCard> importCards = new ConcurrentHashMap<>();

    ProactiveNotifier(BotFrameworkHttpAdapter adapter, BotSettings settings, ConversationStore conversations, CardFactory cards,
                      CampaignService campaigns, TeamsSender sender, TeamsProperties properties, Clock clock,
                      ContactImportService imports, CoreProperties core, UserService users, SendApprovalService approvals,
                      ServiceUrlPolicy serviceUrls, PrivateChat privateChat) {
        this.serviceUrls = serviceUrls;
        this.privateChat = privateChat;
        this.users = users;
        this.approvals = approvals;
        this.imports = imports;
        this.core = core;
        this.adapter = adapter;
        this.settings = settings;
        this.conversations = conversations;
        this.cards = cards;
        this.campaigns = campaigns;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.queue = new NotificationQueue(properties.notifyQueue(), "lux-teams-notify");
    }

    static final int PROBLEMS_ON_CARD = 5;

    /** The first refused rows from the import's error report ("line 4: not-an-email — reason") and the console's copy. */
    private Card importResult(ImportEvent.Finished f) {
        List<String> problems = new ArrayList<>();
        imports.errorReport(f.importId()).ifPresent(csv -> {
            try (CSVParser rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
                for (CSVRecord row : rows) {
                    if (problems.size() == PROBLEMS_ON_CARD) {
                        break;
                    }
                    problems.add("line " + row.get(0) + ": " + row.get(1) + " \u2014 " + row.get(2));
                }
            } catch (IOException | RuntimeException e) {
                problems.add("see the error report");
            }
        });
        String url = core.publicBaseUrl().toString().replaceAll("/+$", "") + "/admin/imports/" + f.importId() + "/errors.csv";
        return cards.importResult(f, url, problems);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onStatusChanged(CampaignEvent.StatusChanged event) {
        submit(() -> statusChanged(event));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onApprovalRequested(CampaignEvent.ApprovalRequested event) {
        submit(() -> approvalRequested(event));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onApprovalDecided(CampaignEvent.ApprovalDecided event) {
        submit(() -> approvalDecided(event));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onDelivery(DeliveryEvent event) {
        submit(() -> delivery(event), event instanceof DeliveryEvent.Progress);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onImport(ImportEvent event) {
        submit(() -> imported(event), event instanceof ImportEvent.Progress);
    }

    /**
     * One card per import in the importing user's personal chat (its error lines are personal data, even when the
     * import was asked for in a channel): posted on the first event, then updated.
     */
    private void imported(ImportEvent e) {
        if (e.userId() == null) {
            return;
        }
        boolean finished = e instanceof ImportEvent.Finished;
        if (!finished) {
            Instant now = clock.instant();
            Instant last = lastImportUpdate.get(e.importId());
            if (last != null && last.plus(properties.progressUpdateInterval()).isAfter(now)) {
                return;
            }
            lastImportUpdate.put(e.importId(), now);
        }
        Card card = e instanceof ImportEvent.Progress p ? cards.importProgress(p) : importResult((ImportEvent.Finished) e);
        ConversationStore.ProgressCard shown = importCards.get(e.importId());
        if (shown == null) {
            privateChat.personal(e.userId()).filter(this::allowed).ifPresent(stored -> {
                ResourceResponse sent = continueWith(stored.reference(), turn -> sender.send(turn, Replies.card(card)));
                if (sent != null && sent.getId() != null && !finished) {
                    importCards.put(e.importId(), new ConversationStore.ProgressCard(e.importId(),
                            stored.reference().getConversation().getId(), sent.getId()));
                }
            });
        } else {
            conversations.reference(shown.conversationId()).filter(this::allowed).ifPresent(stored -> continueWith(stored.reference(), turn -> {
                Activity update = Replies.card(card);
                update.setId(shown.activityId());
                return sender.update(turn, update);
            }));
        }
        if (finished) {
            importCards.remove(e.importId());
            lastImportUpdate.remove(e.importId());
        }
    }

    private void statusChanged(CampaignEvent.StatusChanged e) {
        CampaignView c = campaigns.get(e.campaignId());
        boolean byLux = e.actor().channel() == Channel.SCHEDULER || e.actor().channel() == Channel.SYSTEM;
        switch (e.to()) {
            case SENDING -> {
                if (conversations.progressCards(c.id()).isEmpty()) {
                    postProgressCard(c, CardFactory.Progress.of(c, "sending", null, null, true));
                } else {
                    updateProgressCards(c.id(), CardFactory.Progress.of(c, "sending", null, null, true));
                }
            }
            case SENT, FAILED -> {
                c = campaigns.refreshCounters(c.id());
                updateProgressCards(c.id(), CardFactory.Progress.of(c, e.to().label(), null, null, false));
                String text = e.to() == CampaignStatus.SENT
                        ? "\"" + c.name() + "\" has finished sending: " + c.sentCount() + " sent, " + c.failedCount() + " failed, "
                        + c.skippedCount() + " skipped. Type stats " + c.name() + " for opens and clicks."
                        : "\"" + c.name() + "\" failed after " + c.sentCount() + " sent and " + c.failedCount()
                        + " failed. Check the mail settings in the console, then schedule it again.";
                tell(c, text);
            }
            case PAUSED -> {
                updateProgressCards(c.id(), CardFactory.Progress.of(c, "paused", null, byLux ? "paused by LUX" : "paused by "
                        + e.actor().name(), false));
                if (byLux) {
                    tell(c, "LUX paused \"" + c.name() + "\" (" + c.sentCount() + " sent so far). Type resume " + c.name()
                            + " when the problem is fixed.");
                }
            }
            case CANCELLED -> updateProgressCards(c.id(), CardFactory.Progress.of(c, "cancelled", null, null, false));
            default -> {
                // scheduled / back to draft: the bot already answered the person who did it
            }
        }
    }

    /** Everyone who may approve (enabled, not the requester, admins only if so configured) and has talked to LUX. */
    private void approvalRequested(CampaignEvent.ApprovalRequested e) {
        CampaignView c = campaigns.get(e.campaignId());
        for (User user : users.list()) {
            if (approvals.whyNot(c, new Actor(user.getId(), user.getEmail(), Channel.TEAMS)).isPresent()) {
                continue;
            }
            privateChat.personal(user.getId()).filter(this::allowed).ifPresent(stored -> continueWith(stored.reference(),
                    turn -> sender.send(turn, Replies.text(e.requester().name() + " asks for approval to send \"" + c.name() + "\" to about "
                            + e.audience() + " recipients on " + CardFactory.when(e.scheduledFor(), stored.zone())
                            + " from " + (c.sender() == null ? "the default sender" : c.sender())
                            + ". Type approve " + c.name() + " to review and confirm it, or reject " + c.name()
                            + " because <reason>."))));
        }
    }

    /** The requester hears the decision, unless they made it themselves (withdrawing their own request). */
    private void approvalDecided(CampaignEvent.ApprovalDecided e) {
        if (e.requesterId() == null || e.requesterId().equals(e.decider().userId())) {
            return;
        }
        CampaignView c = campaigns.get(e.campaignId());
        privateChat.personal(e.requesterId()).filter(this::allowed).ifPresent(stored -> {
            String text = switch (e.outcome()) {
                case APPROVED -> e.decider().name() + " approved \"" + c.name() + "\": it is scheduled for "
                        + CardFactory.when(c.scheduledAt(), stored.zone()) + ".";
                case REJECTED -> e.decider().name() + " rejected \"" + c.name() + "\"" + (e.note() == null ? "." : ": " + sentence(e.note()))
                        + " It is a draft again; change it and schedule it to ask again.";
                default -> "Your approval request for \"" + c.name() + "\" was withdrawn (" + e.note() + ").";
            };
            continueWith(stored.reference(), turn -> sender.send(turn, Replies.text(text)));
        });
    }

    private static String sentence(String text) {
        return text.matches("(?s).*[.!?]$") ? text : text + ".";
    }

    private void delivery(DeliveryEvent e) {
        CampaignView c = campaigns.get(e.campaignId());
        if (e instanceof DeliveryEvent.Started s) {
            CardFactory.Progress p = new CardFactory.Progress(c.id(), c.name(), "sending", s.recipients(), 0, 0, 0,
                    s.estimatedFinish(), null, true);
            if (conversations.progressCards(c.id()).isEmpty()) {
                postProgressCard(c, p);
            } else {
                updateProgressCards(c.id(), p);
            }
        } else if (e instanceof DeliveryEvent.Progress p) {
            Instant now = clock.instant();
            Instant last = lastUpdate.get(c.id());
            if (last != null && last.plus(properties.progressUpdateInterval()).isAfter(now)) {
                return;
            }
            lastUpdate.put(c.id(), now);
            updateProgressCards(c.id(), new CardFactory.Progress(c.id(), c.name(), "sending", p.total(), p.sent(), p.failed(),
                    p.skipped(), p.estimatedFinish(), null, true));
        } else if (e instanceof DeliveryEvent.Finished f) {
            lastUpdate.remove(c.id());
            updateProgressCards(c.id(), new CardFactory.Progress(c.id(), c.name(), f.status().label(),
                    f.sent() + f.failed() + f.skipped(), f.sent(), f.failed(), f.skipped(), null, null, false));
        } else if (e instanceof DeliveryEvent.Paused p) {
            updateProgressCards(c.id(), CardFactory.Progress.of(c, "paused", null, p.reason(), false));
        }
    }

    private void postProgressCard(CampaignView c, CardFactory.Progress progress) {
        ownerReference(c).ifPresent(stored -> {
            ResourceResponse sent = continueWith(stored.reference(),
                    turn -> sender.send(turn, Replies.card(cards.progress(progress, stored.zone()))));
            if (sent != null && sent.getId() != null) {
                conversations.saveProgressCard(c.id(), stored.reference().getConversation().getId(), sent.getId());
            }
        });
    }

    private void updateProgressCards(long campaignId, CardFactory.Progress progress) {
        List<ConversationStore.ProgressCard> cardsShown = conversations.progressCards(campaignId);
        for (ConversationStore.ProgressCard shown : cardsShown) {
            conversations.reference(shown.conversationId()).filter(this::allowed).ifPresent(stored -> continueWith(stored.reference(), turn -> {
                Activity update = Replies.card(cards.progress(progress, stored.zone()));
                update.setId(shown.activityId());
                return sender.update(turn, update);
            }));
        }
    }

    private void tell(CampaignView c, String text) {
        ownerReference(c).ifPresent(stored -> continueWith(stored.reference(), turn -> sender.send(turn, Replies.text(text))));
    }

    /** The campaign creator's personal chat (progress and counts are theirs, not a channel's); only allowed serviceUrls. */
    private Optional<ConversationStore.Stored> ownerReference(CampaignView c) {
        Optional<ConversationStore.Stored> reference = campaigns.owner(c.id()).flatMap(privateChat::personal);
        if (reference.isEmpty()) {
            log.info("No Teams conversation known for the owner of campaign {}; nothing posted", c.id());
        }
        return reference.filter(this::allowed);
    }

    /** Stored references were checked when stored; the allow-list may have narrowed since, so check again. */
    private boolean allowed(ConversationStore.Stored stored) {
        boolean allowed = serviceUrls.allowed(stored.reference().getServiceUrl());
        if (!allowed) {
            log.warn("Not posting to serviceUrl {}: {}", stored.reference().getServiceUrl(), serviceUrls.refusal(stored.reference().getServiceUrl()));
        }
        return allowed;
    }

    private <T> T continueWith(ConversationReference reference, Function<TurnContext, T> action) {
        Object[] result = new Object[1];
        adapter.continueConversation(settings.appId(), reference, turn -> {
            result[0] = action.apply(turn);
            return CompletableFuture.completedFuture(null);
        }).join();
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private void submit(Runnable task) {
        submit(task, false);
    }

    /** Bounded: when full, progress updates give way first (see {@link NotificationQueue}). */
    private void submit(Runnable task, boolean progressUpdate) {
        queue.offer(task, progressUpdate);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop(5, TimeUnit.SECONDS);
    }
}
