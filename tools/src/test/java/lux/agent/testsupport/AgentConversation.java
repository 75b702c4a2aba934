package lux.agent.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.LuxAgent;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignStatus;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A marketer's chat with the agent against the scripted model (JUnit 5 extension, one per
 * test instance: {@code @RegisterExtension final AgentConversation chat = ...}, with
 * {@code @Import(ScriptedModelBeans.class)}). Before each test: an empty database, an
 * empty script, the {@link ConversationClock} (when imported) back at its start, and Mia,
 * a marketer, who speaks in Teams from Berlin.
 */
public final class AgentConversation implements BeforeEachCallback {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final String conversationId;

    private ApplicationContext context;

    private ScriptedOpenAi model;

    private Actor mia;

    /** Mia's chat in {@code conversationId}. */
    public AgentConversation(String conversationId) {
        this.conversationId = conversationId;
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
        model = context.getBeanProvider(ScriptedOpenAi.class).getIfAvailable(() -> {
            throw new IllegalStateException("The test needs @Import(ScriptedModelBeans.class)");
        });
        DatabaseCleaner.clean(context.getBean(JdbcTemplate.class));
        model.reset();
        context.getBeanProvider(MutableClock.class).ifAvailable(clock -> clock.set(ConversationClock.NOW));
        mia = marketer("mia@lux.test", "Mia");
    }

    /** The script the model answers from, and what it was sent. */
    public ScriptedOpenAi model() {
        return model;
    }

    /** Mia, who speaks unless a test says otherwise. */
    public Actor mia() {
        return mia;
    }

    /** Another marketer, as the Teams channel knows them. */
    public Actor marketer(String email, String name) {
        var user = context.getBean(UserService.class)
            .create(new NewUser(email, name, null, Role.MARKETER), Actor.system());
        return new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
    }

    /** Mia says {@code text}; the agent's whole answer to it. */
    public AgentReply say(String text) {
        return say(mia, text);
    }

    public AgentReply say(Actor who, String text) {
        return context.getBean(LuxAgent.class).reply(new TurnRequest(who, conversationId, text, BERLIN, null));
    }

    /** The Confirm card of a reply; fails when the reply has none. */
    public static AgentOutput.Confirmation confirmationIn(AgentReply reply) {
        return reply.outputs()
            .stream()
            .filter(AgentOutput.Confirmation.class::isInstance)
            .map(AgentOutput.Confirmation.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Confirm card in " + reply));
    }

    /** Mia presses Confirm on the card (its submit carries the nonce). */
    public CampaignStatus confirm(AgentOutput.Confirmation card) {
        return context.getBean(ConfirmationService.class).confirm(card.nonce(), mia).status();
    }

    /**
     * The tool results (role "tool") the model was shown in its {@code index}th request.
     */
    public List<String> toolResultsIn(int index) {
        return ScriptedOpenAi.toolResults(model.requests().get(index));
    }

    /** The tool results the model was shown in its last request. */
    public List<String> lastToolResults() {
        return toolResultsIn(model.requests().size() - 1);
    }

    /** No request to the model ever carried a card's Confirm nonce. */
    public void assertModelNeverSaw(AgentOutput.Confirmation... cards) {
        for (AgentOutput.Confirmation card : cards) {
            model.requests().forEach(r -> assertThat(r.toString()).doesNotContain(card.nonce()));
        }
    }

}
