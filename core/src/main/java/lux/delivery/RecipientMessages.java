package lux.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateRenderException;
import lux.templates.TemplateService;
import lux.tracking.ComposedMessage;
import lux.tracking.TrackingComposer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each claimed recipient's message: the confirmed content rendered for its contact, with
 * tracking and unsubscribe links.
 */
final class RecipientMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The contact attribute naming the language of LUX's own words in their mails (the
     * footer).
     */
    static final String LANGUAGE = "language";

    private final TemplateService templates;

    private final TrackingComposer composer;

    private final ConfirmedSends confirmed;

    private final JdbcTemplate jdbc;

    private final VariantContents variants;

    RecipientMessages(TemplateService templates, TrackingComposer composer, ConfirmedSends confirmed, JdbcTemplate jdbc,
            VariantContents variants) {
        this.variants = variants;
        this.templates = templates;
        this.composer = composer;
        this.confirmed = confirmed;
        this.jdbc = jdbc;
    }

    /**
     * What a batch's messages are written from, read once per batch; a recipient with a
     * variant (an A/B test) gets that variant's content.
     */
    record Batch(CampaignView campaign, TemplateContent content, Map<Long, ContactView> contacts,
            Map<Integer, TemplateContent> variantContents, Map<Long, Integer> variantOf) {

        TemplateContent contentFor(ClaimedRecipient r) {
            Integer variant = variantOf.get(r.id());
            return variant == null ? content : variantContents.getOrDefault(variant, content);
        }

    }

    /**
     * A recipient's message, rendered and tracked, or the outcome that says why there is
     * nothing to send.
     */
    sealed interface Composition permits Composition.Written, Composition.Unsendable {

        record Written(ComposedMessage message) implements Composition {
        }

        record Unsendable(Outcome outcome) implements Composition {
        }

    }

    Batch batch(CampaignView campaign, List<ClaimedRecipient> recipients) {
        // as confirmed, whatever happened to the template since
        Map<Integer, TemplateContent> byVariant = variants.contents(campaign.id());
        TemplateContent content = variants.forTheRest(campaign.id())
            .orElseGet(() -> confirmed.sendContent(campaign.id()));
        return new Batch(campaign, content, loadContacts(recipients), byVariant,
                byVariant.isEmpty() ? Map.of() : loadVariants(recipients));
    }

    Composition compose(Batch batch, ClaimedRecipient r) {
        ContactView contact = batch.contacts().get(r.contactId());
        if (contact == null || contact.status() != ContactStatus.ACTIVE) {
            return new Composition.Unsendable(
                    Outcome.skipped(r, contact == null ? "contact deleted since the campaign started"
                            : "contact is " + contact.status().name().toLowerCase() + " since the campaign started"));
        }
        long campaignId = batch.campaign().id();
        try {
            Map<String, Object> model = TemplateModel.forContact(contact);
            String unsubscribe = composer.unsubscribeUrl(campaignId, r.id());
            model.put("unsubscribe_url", unsubscribe);
            RenderedMessage rendered = templates.renderForSending(batch.contentFor(r), model);
            return new Composition.Written(
                    composer.compose(campaignId, r.id(), rendered, unsubscribe, contact.attributes().get(LANGUAGE)));
        }
        catch (TemplateRenderException e) {
            return new Composition.Unsendable(Outcome.failed(r, "template error: " + e.getMessage()));
        }
    }

    /**
     * The composed message addressed from {@code sender}, carrying the recipient's LUX
     * message id.
     */
    static OutgoingMessage outgoing(CampaignView campaign, ClaimedRecipient r, ComposedMessage composed,
            String sender) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(OutgoingMessage.MESSAGE_ID_HEADER, r.luxMessageId());
        return new OutgoingMessage(campaign.id(), r.id(), r.luxMessageId(), sender, r.email(), composed.subject(),
                composed.html(), composed.text(), headers, composed.unsubscribeUrl());
    }

    private Map<Long, Integer> loadVariants(List<ClaimedRecipient> batch) {
        Map<Long, Integer> found = new HashMap<>();
        List<Object> ids = batch.stream().map(r -> (Object) r.id()).toList();
        jdbc.query("SELECT id, variant FROM campaign_recipient WHERE variant IS NOT NULL AND id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")", rs -> {
                    found.put(rs.getLong(1), rs.getInt(2));
                }, ids.toArray());
        return found;
    }

    private Map<Long, ContactView> loadContacts(List<ClaimedRecipient> batch) {
        List<Long> ids = batch.stream().map(ClaimedRecipient::contactId).filter(Objects::nonNull).distinct().toList();
        Map<Long, ContactView> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT id, email, first_name, last_name, company, attributes, status FROM contact WHERE id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")", rs -> {
                    Map<String, String> attributes;
                    try {
                        attributes = JSON.readValue(rs.getString(6),
                                new TypeReference<LinkedHashMap<String, String>>() {
                                });
                    }
                    catch (java.io.IOException e) {
                        attributes = Map.of();
                    }
                    found.put(rs.getLong(1),
                            new ContactView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), attributes, ContactStatus.valueOf(rs.getString(7)), List.of(),
                                    null, null, null, null));
                }, ids.toArray());
        return found;
    }

}
