package lux.agent.tools;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.agent.UploadedFile;
import lux.audit.Actor;

/**
 * One turn's tool context: the tools act as {@code actor} (the Teams user who spoke), read dates in their
 * zone, speak their language (for what people read), and collect the cards to show. Not shared between turns or users.
 */
public final class ToolSession {
    private final Actor actor;
    private final ZoneId zone;
    private final String conversationId;
    private final UploadedFile lastUpload;
    private final Locale locale;
    private final List<AgentOutput> outputs = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    public ToolSession(Actor actor, ZoneId zone, String conversationId, UploadedFile lastUpload) {
        this(actor, zone, conversationId, lastUpload, Locale.ENGLISH);
    }

    public ToolSession(Actor actor, ZoneId zone, String conversationId, UploadedFile lastUpload, Locale locale) {
        this.locale = locale == null ? Locale.ENGLISH : locale;
        this.actor = actor;
        this.zone = zone;
        this.conversationId = conversationId;
        this.lastUpload = lastUpload;
    }

    public Actor actor() { return actor; }
    public ZoneId zone() { return zone; }
    public String conversationId() { return conversationId; }
    public UploadedFile lastUpload() { return lastUpload; }
    public Locale locale() { return locale; }

    public synchronized void show(AgentOutput output) {
        outputs.add(output);
    }

    synchronized void called(String tool) {
        calls.add(tool);
    }

    public synchronized List<AgentOutput> outputs() {
        return List.copyOf(outputs);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
