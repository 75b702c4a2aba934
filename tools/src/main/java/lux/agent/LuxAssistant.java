package lux.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * The LangChain4j AI service: one method, memory per (user, conversation). The user's
 * words are a template variable, not the template, so text like "{{ contact.first_name
 * }}" in a message reaches the model unchanged.
 */
interface LuxAssistant {

    @UserMessage("{{message}}")
    Result<String> chat(@MemoryId String memoryId, @V("message") String message);

}
