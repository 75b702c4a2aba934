package lux.agent;

import java.util.Locale;
import java.util.Map;
import lux.agent.commands.CommandMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The one entry point for what a user says: the model with typed tools when one is
 * configured, otherwise command mode. "help" always gets the help card. Form submits from
 * command-mode cards go straight to command mode.
 */
@Service
public class LuxAgent {

    private static final Logger log = LoggerFactory.getLogger(LuxAgent.class);

    private final AgentProperties properties;

    private final LlmAgent llm;

    private final CommandMode commands;

    LuxAgent(AgentProperties properties, LlmAgent llm, CommandMode commands) {
        this.properties = properties;
        this.llm = llm;
        this.commands = commands;
    }

    public AgentReply reply(TurnRequest turn) {
        String text = turn.text().toLowerCase(Locale.ROOT);
        if (!properties.modelEnabled() || text.equals("help") || text.equals("?")) {
            return commands.handle(turn);
        }
        return llm.reply(turn);
    }

    public AgentReply submitForm(TurnRequest turn, FormKind form, Map<String, String> fields) {
        return commands.submitForm(turn, form, fields);
    }

    public boolean modelEnabled() {
        return properties.modelEnabled();
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceMode() {
        if (properties.modelEnabled()) {
            log.info("LUX agent: {} model {} (key {})", properties.provider(), properties.model(),
                    properties.apiKey() == null || properties.apiKey().isBlank() ? "not needed" : "set");
        }
        else {
            log.info(
                    "LUX agent: no lux.ai.api-key (OPENAI_API_KEY) set, answering in command mode (type help in Teams)");
        }
    }

}
