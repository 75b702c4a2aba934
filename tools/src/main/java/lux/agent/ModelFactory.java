package lux.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;

/**
 * Builds the chat model for the configured provider; all three speak the OpenAI wire
 * format.
 */
final class ModelFactory {

    private ModelFactory() {
    }

    static ChatModel create(AgentProperties p) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
            .baseUrl(p.effectiveBaseUrl())
            .modelName(p.model())
            .timeout(p.timeout())
            .maxRetries(p.maxRetries())
            .parallelToolCalls(false);
        switch (p.provider()) {
            // Azure OpenAI's v1 endpoint takes the key in an api-key header rather than
            // as a bearer token.
            case "azure" -> builder.apiKey("unused").customHeaders(Map.of("api-key", p.apiKey()));
            // Ollama ignores the key but the client requires one.
            case "ollama" -> builder.apiKey(p.apiKey() == null || p.apiKey().isBlank() ? "ollama" : p.apiKey());
            default -> builder.apiKey(p.apiKey());
        }
        return builder.build();
    }

}
