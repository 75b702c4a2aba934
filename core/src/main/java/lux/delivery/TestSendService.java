package lux.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.Senders;
import lux.config.CoreProperties;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
import lux.users.UserService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Send me a test": a campaign (as it would be sent) or a template, rendered for a chosen
 * contact or the sample contact, sent through the configured transport to the requester
 * or up to {@value #MAX_ADDRESSES} addresses, subject prefixed {@code [Test]}. Not
 * tracked (links point to their real targets, no pixel), not counted (no recipient row,
 * no stats), and the campaign is not touched. Audited.
 */
@Service
public class TestSendService {

    public static final int MAX_ADDRESSES = 5;
    static final String SUBJECT_PREFIX = "[Test] ";

    /**
     * Marks a test in the headers, so a reader of the mailbox (or a bounce) can tell it
     * from a campaign mail.
     */
    static final String TEST_HEADER = "X-LUX-Test";

    private final CampaignService campaigns;

    private final ConfirmedSends confirmed;

    private final TemplateService templates;

    private final ContactService contacts;

    private final UserService users;

    private final MailTransport transport;

    private final Senders senders;

    private final AuditService audit;

    private final String postalAddress;

    private final TransactionTemplate tx;

    TestSendService(CampaignService campaigns, ConfirmedSends confirmed, TemplateService templates,
            ContactService contacts, UserService users, MailTransport transport, Senders senders, AuditService audit,
            CoreProperties core, PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions); // the audit row only: no
                                                         // transaction is held while mail
                                                         // is sent
        this.campaigns = campaigns;
        this.confirmed = confirmed;
        this.templates = templates;
        this.contacts = contacts;
        this.users = users;
        this.transport = transport;
        this.senders = senders;
        this.audit = audit;
        this.postalAddress = core.mail().postalAddress() == null ? "" : core.mail().postalAddress().strip();
    }

    /**
     * The campaign as it would be sent (its confirmed copy once confirmed, else its
     * template), from its sender.
     */
    public TestSendResult sendCampaign(long campaignId, TestSendRequest request, Actor actor) {
        CampaignView campaign = campaigns.get(campaignId);
        List<String> to = recipients(request, actor);
        TestSendResult result = send(confirmed.sendContent(campaignId), senders.of(campaign.sender()).get(0), to,
                request, actor);
        tx.executeWithoutResult(
                s -> audit.record(actor, "campaign.test_send", "campaign", campaignId, summary(result)));
        return result;
    }

    /** The template, from the default sender. */
    public TestSendResult sendTemplate(long templateId, TestSendRequest request, Actor actor) {
        TemplateView template = templates.get(templateId);
        List<String> to = recipients(request, actor);
        TestSendResult result = send(templates.content(template.id()), senders.defaults().get(0), to, request, actor);
        tx.executeWithoutResult(
                s -> audit.record(actor, "template.test_send", "template", templateId, summary(result)));
        return result;
    }

    private TestSendResult send(TemplateContent content, String from, List<String> to, TestSendRequest request,
            Actor actor) {
        ContactView contact = contact(request.contactEmail());
        Map<String, Object> model = TemplateModel.forContact(contact);
        model.put("unsubscribe_url", "#unsubscribe-in-the-real-mail");
        RenderedMessage rendered = templates.render(content, model);
        String subject = SUBJECT_PREFIX + rendered.subject();
        String html = withFooter(rendered.html());
        String text = rendered.text().stripTrailing()
                + "\n\n--\nThis is a test: the real mail adds a working unsubscribe link."
                + (postalAddress.isEmpty() ? "" : "\n" + postalAddress) + "\n";
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String address : to) {
            String id = "lux-test-" + UUID.randomUUID();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(OutgoingMessage.MESSAGE_ID_HEADER, id);
            headers.put(TEST_HEADER, "true");
            // campaign and recipient 0: no recipient row exists, and the transports store
            // none
            SendResult result;
            try {
                result = transport
                    .send(new OutgoingMessage(0, 0, id, from, address, subject, html, text, headers, null));
            }
            catch (RuntimeException e) {
                result = new SendResult.Transient("transport error: " + e.getMessage(), null);
            }
            if (result instanceof SendResult.Sent) {
                sent.add(address);
            }
            else {
                failed.add(address + ": " + reason(result));
            }
        }
        return new TestSendResult(subject,
                contact.id() == 0 ? "the sample contact (" + contact.email() + ")" : contact.email(), transport.name(),
                sent, failed);
    }

    /** The given addresses, checked, or the requester's own. */
    private List<String> recipients(TestSendRequest request, Actor actor) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String raw : request.to()) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                addresses.add(EmailAddress.normalise(raw));
            }
            catch (InvalidInputException e) {
                throw new InvalidInputException("to",
                        "\"" + shown(raw) + "\" is not an email address: " + e.getMessage());
            }
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw new InvalidInputException("to", "A test goes to at most " + MAX_ADDRESSES + " addresses; "
                    + addresses.size() + " were given. Send it to fewer, or schedule the campaign for a tag.");
        }
        if (!addresses.isEmpty()) {
            return List.copyOf(addresses);
        }
        String own = actor.userId() == null ? null : users.find(actor.userId()).map(u -> u.getEmail()).orElse(null);
        if (own == null || own.isBlank()) {
            throw new InvalidInputException("to",
                    "LUX knows no email address of yours; name the addresses the test should go to.");
        }
        return List.of(own);
    }

    private ContactView contact(String email) {
        if (email == null || email.isBlank()) {
            return TemplateModel.sampleContact();
        }
        return contacts.findByEmail(email).orElseThrow(() -> new NotFoundException("Contact", shown(email)));
    }

    /**
     * The footer a real mail gets, without its tracked unsubscribe link: the postal
     * address and a note.
     */
    private String withFooter(String rendered) {
        Document doc = Jsoup.parse(rendered);
        doc.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        var footer = doc.body().appendElement("div").attr("style", "margin-top:24px;font-size:12px;color:#777777;");
        footer.appendElement("div").text("This is a test: the real mail adds a working unsubscribe link.");
        if (!postalAddress.isEmpty()) {
            footer.appendElement("div").text(postalAddress);
        }
        return doc.outerHtml();
    }

    private static String reason(SendResult result) {
        if (result instanceof SendResult.Transient t) {
            return t.reason();
        }
        else if (result instanceof SendResult.Unknown u) {
            return u.reason();
        }
        else if (result instanceof SendResult.Permanent p) {
            return p.reason();
        }
        else if (result instanceof SendResult.Unauthorized u) {
            return u.reason();
        }
        else if (result instanceof SendResult.Fatal f) {
            return f.reason();
        }
        return "sent";
    }

    private static String summary(TestSendResult result) {
        return "to " + String.join(", ", result.sentTo())
                + (result.failed().isEmpty() ? "" : "; failed " + String.join("; ", result.failed()))
                + ", rendered for " + result.renderedFor();
    }

    private static String shown(String raw) {
        String s = raw.strip();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

}
