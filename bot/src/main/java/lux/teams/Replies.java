package lux.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;

/** Small builders for outgoing activities. */
final class Replies {
    private Replies() {
    }

    static Activity text(String text) {
        Activity a = Activity.createMessageActivity();
        a.setText(text);
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
