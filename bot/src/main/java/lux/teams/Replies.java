package lux.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;

/** Small builders for outgoing activities. */
final class Replies {

    private Replies() {
    }

    /**
     * A Markdown message whose links and HTML are shown as text: replies carry names,
     * files and errors from contacts, and the model's words may be steered by them, so no
     * {@code [text](url)} in one becomes a link.
     */
    static Activity text(String text) {
        Activity a = Activity.createMessageActivity();
        a.setText(PlainText.withoutLinks(text));
        a.setTextFormat(com.microsoft.bot.schema.TextFormatTypes.MARKDOWN);
        return a;
    }

    static Activity card(Card card) {
        Activity a = Activity.createMessageActivity();
        a.setAttachments(new java.util.ArrayList<>(java.util.List.of(attachment(card))));
        return a;
    }

    static Attachment attachment(Card card) {
        Attachment attachment = new Attachment();
        attachment.setContentType(Card.CONTENT_TYPE);
        attachment.setContent(card.json());
        return attachment;
    }

}
