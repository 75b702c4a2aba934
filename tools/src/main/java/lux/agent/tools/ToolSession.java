package lux.agent.tools;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lux.agent.AgentOutput;
import lux.agent.PrivateAnswer;
import lux.agent.TurnRequest;
import lux.agent.UploadedFile;
import lux.audit.Actor;

/**
 * One turn's tool context: the tools act as {@code actor} (the Teams user who spoke),
 * read dates in their zone and write them as people of their locale do, and collect the
 * cards to show. Not shared between turns or users.
 */
public final class ToolSession {

    private final Actor actor;

    private final ZoneId zone;

    private final String conversationId;

    private final UploadedFile lastUpload;

    private final Locale locale;

    private final List<AgentOutput> outputs = new ArrayList<>();

    private final List<String> calls = new ArrayList<>();

    private boolean privateAnswer;

    public ToolSession(Actor actor, ZoneId zone, String conversationId, UploadedFile lastUpload) {
        this(actor, zone, conversationId, lastUpload, TurnRequest.DEFAULT_LOCALE);
    }

    public ToolSession(Actor actor, ZoneId zone, String conversationId, UploadedFile lastUpload, Locale locale) {
        this.actor = actor;
        this.zone = zone;
        this.conversationId = conversationId;
        this.lastUpload = lastUpload;
        this.locale = locale == null ? TurnRequest.DEFAULT_LOCALE : locale;
    }

    public static ToolSession forTurn(TurnRequest turn) {
        return new ToolSession(turn.actor(), turn.zone(), turn.conversationId(), turn.lastUpload(), turn.locale());
    }

    public Actor actor() {
        return actor;
    }

    public ZoneId zone() {
        return zone;
    }

    public Locale locale() {
        return locale;
    }

    public String conversationId() {
        return conversationId;
    }

    public UploadedFile lastUpload() {
        return lastUpload;
    }

    public synchronized void show(AgentOutput output) {
        outputs.add(output);
    }

    synchronized void called(String tool) {
        calls.add(tool);
    }

    /** A tool answered: a {@link PrivateAnswer} makes the whole reply private. */
    synchronized void answered(ToolResult result) {
        privateAnswer |= result instanceof PrivateAnswer;
    }

    /**
     * Whether only the asker may read this turn's reply: a tool's result or a card said
     * so.
     */
    public synchronized boolean privateAnswer() {
        return privateAnswer || outputs.stream().anyMatch(PrivateAnswer.class::isInstance);
    }

    public synchronized List<AgentOutput> outputs() {
        return List.copyOf(outputs);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

}
