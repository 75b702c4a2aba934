package lux.templates;

import lux.audit.Actor;

/**
 * A template's content was edited. Confirmed campaigns keep their own copy and are not
 * affected; drafts waiting for a Confirm press or an approval are (campaigns listen and
 * withdraw those).
 */
public record TemplateChanged(long templateId, String name, Actor actor) {
}
