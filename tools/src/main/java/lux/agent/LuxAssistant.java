package lux.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/** The LangChain4j AI service: one method, memory per (user, conversation). */
interface LuxAssistant {
    Result<String> chat(@MemoryId String memoryId, @UserMessage String message);
}
