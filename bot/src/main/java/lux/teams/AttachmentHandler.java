package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.Serialization;
import java.util.Locale;
import lux.imports.ImportRefusedException;
import lux.imports.SafeFileFetcher;
import org.springframework.stereotype.Component;

/**
 * Files the user attaches (Teams file download info in personal chats, inline attachments
 * elsewhere): remembered as the conversation's last upload for "import". Addresses LUX
 * would not download from ({@link SafeFileFetcher}: this machine in local mode, https on
 * Teams/SharePoint/OneDrive hosts otherwise) are refused at once.
 */
@Component
class AttachmentHandler {

    static final String TEAMS_FILE = "application/vnd.microsoft.teams.file.download.info";

    private final ConversationStore conversations;

    private final TeamsSender sender;

    private final SafeFileFetcher fetcher;

    AttachmentHandler(ConversationStore conversations, TeamsSender sender, SafeFileFetcher fetcher) {
        this.conversations = conversations;
        this.sender = sender;
        this.fetcher = fetcher;
    }

    /** True when a file was attached (and answered). */
    boolean handle(TurnContext turn, TeamsIdentity.Known user, String conversationId) {
        if (turn.getActivity().getAttachments() == null) {
            return false;
        }
        for (Attachment a : turn.getActivity().getAttachments()) {
            String type = a.getContentType() == null ? "" : a.getContentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/vnd.microsoft.card") || type.equals("text/html")) {
                continue;
            }
            String url = a.getContentUrl();
            if (TEAMS_FILE.equals(type)) {
                JsonNode content = Serialization.objectToTree(a.getContent());
                url = content == null ? null : content.path("downloadUrl").asText(null);
            }
            String name = a.getName() == null || a.getName().isBlank() ? "attachment" : a.getName();
            if (url == null || url.isBlank()) {
                continue;
            }
            try {
                fetcher.check(url);
            }
            catch (ImportRefusedException refused) {
                sender.send(turn, Replies.text("I cannot fetch " + name + ". " + refused.getMessage()));
                return true;
            }
            conversations.saveUpload(conversationId, user.user().getId(), name, url);
            String hint = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? ""
                    : " It does not look like a CSV file, though.";
            sender.send(turn, Replies.text("Got " + name + "." + hint + " Type import to add its contacts."));
            return true;
        }
        return false;
    }

}
