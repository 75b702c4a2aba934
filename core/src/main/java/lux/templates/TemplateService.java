package lux.templates;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.ConflictException;
import lux.shared.DuplicateException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores templates and renders them for one contact; a template is checked against a
 * sample before it is saved. Every render, on every path, is sealed and on a budget (see
 * {@link JinjavaRenderer}, {@link TemplateProperties}).
 */
@Service
public class TemplateService {

    static final int MAX_SUBJECT = 500;

    /**
     * What {@code {{ unsubscribe_url }}} shows in a preview: templates may place the link
     * themselves.
     */
    public static final String PREVIEW_UNSUBSCRIBE_URL = "#unsubscribe";

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private final TemplateRepository templates;

    private final ContactService contacts;

    private final AuditService audit;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final JinjavaRenderer subjectRenderer;

    private final JinjavaRenderer htmlRenderer;

    private final JinjavaRenderer textRenderer;

    TemplateService(TemplateRepository templates, ContactService contacts, AuditService audit, Clock clock,
            TemplateProperties limits, ApplicationEventPublisher events) {
        this.events = events;
        this.templates = templates;
        this.contacts = contacts;
        this.audit = audit;
        this.clock = clock;
        this.subjectRenderer = JinjavaRenderer.plain("subject", limits);
        this.htmlRenderer = JinjavaRenderer.html(limits);
        this.textRenderer = JinjavaRenderer.plain("text body", limits);
    }

    /**
     * Renders {@code content} with the given model (see {@link TemplateModel}); extra
     * keys (links) may be added by callers.
     */
    public RenderedMessage render(TemplateContent content, Map<String, Object> model) {
        String subject = WHITESPACE.matcher(subjectRenderer.render(content.name(), content.subject(), model).strip())
            .replaceAll(" ");
        String html = htmlRenderer.render(content.name(), content.htmlBody(), model);
        String text = content.textBody() == null ? HtmlToText.convert(html)
                : textRenderer.render(content.name(), content.textBody(), model);
        return new RenderedMessage(subject, html, text);
    }

    /**
     * As {@link #render(TemplateContent, Map)}, except that a text part derived from the
     * HTML is left out (text null) for the caller to derive from the HTML it parses
     * anyway ({@code TrackingComposer} does): one HTML parse per message instead of two,
     * for every recipient of a campaign.
     */
    public RenderedMessage renderForSending(TemplateContent content, Map<String, Object> model) {
        String subject = WHITESPACE.matcher(subjectRenderer.render(content.name(), content.subject(), model).strip())
            .replaceAll(" ");
        String html = htmlRenderer.render(content.name(), content.htmlBody(), model);
        String text = content.textBody() == null ? null
                : textRenderer.render(content.name(), content.textBody(), model);
        return new RenderedMessage(subject, html, text);
    }

    /**
     * For previews and checks: {@code {{ unsubscribe_url }}} renders as a placeholder
     * (each real mail gets its own link).
     */
    public RenderedMessage render(TemplateContent content, ContactView contact) {
        Map<String, Object> model = TemplateModel.forContact(contact);
        model.put("unsubscribe_url", PREVIEW_UNSUBSCRIBE_URL);
        return render(content, model);
    }

    /**
     * Preview for a real contact, or the sample contact when {@code contactId} is null.
     */
    @Transactional(readOnly = true)
    public RenderedMessage preview(long templateId, Long contactId) {
        ContactView contact = contactId == null ? TemplateModel.sampleContact() : contacts.get(contactId);
        return render(entity(templateId).content(), contact);
    }

    /**
     * Checks required fields and renders against the sample contact; throws naming the
     * part and line.
     */
    public RenderedMessage validate(TemplateContent content) {
        if (content.name() == null || content.name().isBlank()) {
            throw new InvalidInputException("name", "Give the template a name.");
        }
        if (content.subject() == null || content.subject().isBlank()) {
            throw new InvalidInputException("subject", "The subject cannot be empty.");
        }
        if (content.subject().length() > MAX_SUBJECT) {
            throw new InvalidInputException("subject", "The subject is longer than " + MAX_SUBJECT + " characters.");
        }
        if (content.htmlBody() == null || content.htmlBody().isBlank()) {
            throw new InvalidInputException("htmlBody", "The body cannot be empty.");
        }
        return render(content, TemplateModel.sampleContact());
    }

    @Transactional
    public TemplateView create(TemplateContent content, Actor actor) {
        validate(content);
        if (templates.existsByName(content.name())) {
            throw new DuplicateException("name", "A template named \"" + content.name() + "\" already exists.");
        }
        EmailTemplate template = templates.save(new EmailTemplate(content, clock.instant()));
        audit.record(actor, "template.create", "template", template.getId(), content.name());
        return TemplateView.of(template);
    }

    @Transactional
    public TemplateView update(long id, TemplateContent content, Actor actor) {
        validate(content);
        templates.findByName(content.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new DuplicateException("name", "Another template is already named \"" + content.name() + "\".");
        });
        EmailTemplate template = entity(id);
        boolean contentChanged = !template.content()
            .equals(new TemplateContent(template.getName(), content.subject(), content.htmlBody(), content.textBody()));
        template.apply(content, clock.instant());
        audit.record(actor, "template.update", "template", id, content.name());
        if (contentChanged) {
            events.publishEvent(new TemplateChanged(id, template.getName(), actor));
        }
        return TemplateView.of(template);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        EmailTemplate template = entity(id);
        templates.delete(template);
        try {
            templates.flush();
        }
        catch (DataIntegrityViolationException e) {
            throw new ConflictException("The template \"" + template.getName()
                    + "\" is used by a campaign; delete or change that campaign first.");
        }
        audit.record(actor, "template.delete", "template", id, template.getName());
    }

    @Transactional(readOnly = true)
    public TemplateView get(long id) {
        return TemplateView.of(entity(id));
    }

    @Transactional(readOnly = true)
    public List<TemplateView> list() {
        return templates.findAllByOrderByUpdatedAtDesc().stream().map(TemplateView::of).toList();
    }

    /**
     * The template people call {@code name}: its exact name (any case) first, then "#12"
     * or "12" as an id.
     */
    @Transactional(readOnly = true)
    public TemplateView byName(String name) {
        String wanted = name == null ? "" : name.strip();
        List<TemplateView> all = list();
        return all.stream()
            .filter(t -> t.name().equalsIgnoreCase(wanted))
            .findFirst()
            .or(() -> wanted.matches("#?\\d+")
                    ? all.stream().filter(t -> t.id() == Long.parseLong(wanted.replace("#", ""))).findFirst()
                    : java.util.Optional.empty())
            .orElseThrow(() -> new NotFoundException("Template", "\"" + wanted + "\" (existing: "
                    + all.stream().map(TemplateView::name).limit(10).collect(java.util.stream.Collectors.joining(", "))
                    + ")"));
    }

    /**
     * The template's name, if it still exists (a confirmed campaign's copy outlives edits
     * and deletion).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> name(long id) {
        return templates.findById(id).map(EmailTemplate::getName);
    }

    @Transactional(readOnly = true)
    public TemplateContent content(long id) {
        return entity(id).content();
    }

    private EmailTemplate entity(long id) {
        return templates.findById(id).orElseThrow(() -> new NotFoundException("Template", id));
    }

}
