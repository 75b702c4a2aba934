package lux.agent;

import java.util.List;

/**
 * What LUX answers: text, the cards the tools asked to show, and which tools ran (for
 * logs and tests).
 */
public record AgentReply(String text, List<AgentOutput> outputs, List<String> toolsCalled) {
    public AgentReply {
        outputs = List.copyOf(outputs);
        toolsCalled = List.copyOf(toolsCalled);
    }

    public static AgentReply text(String text) {
        return new AgentReply(text, List.of(), List.of());
    }
}
