package lux.agent;

import java.util.List;

/**
 * What LUX answers: text, the cards the tools asked to show, which tools ran (for logs
 * and tests), and whether only the asker may read it ({@link PrivateAnswer}).
 */
public record AgentReply(String text, List<AgentOutput> outputs, List<String> toolsCalled, boolean privateAnswer) {
    public AgentReply {
        outputs = List.copyOf(outputs);
        toolsCalled = List.copyOf(toolsCalled);
    }

    public static AgentReply text(String text) {
        return new AgentReply(text, List.of(), List.of(), false);
    }
}
