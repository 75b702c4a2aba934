package lux.agent;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.internal.Json;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolResult;
import lux.agent.tools.ToolSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a turn with the model and the typed tools; model/API failures become a plain
 * message for the user.
 */
@Component
class LlmAgent {

    private static final Logger log = LoggerFactory.getLogger(LlmAgent.class);
    static final int MAX_TOOL_CALLS = 15;

    private final AgentProperties properties;

    private final ToolBox toolBox;

    private final JdbcChatMemoryStore memory;

    private final UsageRecorder usage;

    private final Clock clock;

    private volatile ChatModel model;

    /**
     * Model calls run here so a turn can stop waiting at its deadline; daemon threads,
     * one per call in flight.
     */
    private final ExecutorService modelCalls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lux-model-call");
        t.setDaemon(true);
        return t;
    });

    LlmAgent(AgentProperties properties, ToolBox toolBox, JdbcChatMemoryStore memory, UsageRecorder usage,
            Clock clock) {
        this.properties = properties;
        this.toolBox = toolBox;
        this.memory = memory;
        this.usage = usage;
        this.clock = clock;
    }

    AgentReply reply(TurnRequest turn) {
        ToolSession session = ToolSession.forTurn(turn);
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), turn.zone());
        LuxAssistant assistant = AiServices.builder(LuxAssistant.class)
            .chatModel(new DeadlineChatModel(model(), modelCalls, properties.turnDeadline()))
            .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                .id(id)
                .maxMessages(properties.memoryMessages())
                .chatMemoryStore(memory)
                .build())
            .systemMessageProvider(id -> SystemPrompt.forTurn(now))
            .tools(toolBox.forSession(session).all())
            .maxSequentialToolsInvocations(MAX_TOOL_CALLS)
            .toolArgumentsErrorHandler((error, context) -> failed(
                    "The arguments for " + context.toolExecutionRequest().name() + " could not be read ("
                            + error.getMessage() + "). Call it again with valid JSON arguments."))
            .toolExecutionErrorHandler((error, context) -> failed(error.getMessage()))
            .build();
        String memoryId = JdbcChatMemoryStore.memoryId(turn.actor().userId(), turn.conversationId());
        try {
            Result<String> result = assistant.chat(memoryId, turn.text());
            TokenUsage tokens = result.tokenUsage();
            usage.record(turn, properties.model(), tokens == null ? null : tokens.inputTokenCount(),
                    tokens == null ? null : tokens.outputTokenCount(), session.calls().size(), "OK");
            String text = result.content() == null || result.content().isBlank() ? "Done." : result.content();
            return new AgentReply(text, session.outputs(), session.calls(), session.privateAnswer());
        }
        catch (LangChain4jException e) {
            usage.record(turn, properties.model(), null, null, session.calls().size(), "FAILED");
            log.warn("Model call failed for conversation {}: {}", turn.conversationId(), e.toString());
            return new AgentReply(plainMessage(e, session), session.outputs(), session.calls(),
                    session.privateAnswer());
        }
    }

    /**
     * A failure the framework caught goes to the model as the same typed result a tool's
     * own failure is.
     */
    private static ToolErrorHandlerResult failed(String error) {
        return ToolErrorHandlerResult.text(Json.toJson(new ToolResult.Failed(error)));
    }

    /**
     * What the user sees when the model cannot answer; steps that already ran are said to
     * have run.
     */
    static String plainMessage(LangChain4jException e, ToolSession session) {
        String reason;
        if (e instanceof AuthenticationException || status(e) == 401 || status(e) == 403) {
            reason = "LUX could not use its language model: the API key was refused. Please ask an admin to check the "
                    + "OpenAI key. Until then you can type commands (type help).";
        }
        else if (e instanceof RateLimitException || status(e) == 429) {
            reason = "The language model is busy right now (too many requests). LUX retried a few times; please try again in a minute.";
        }
        else if (e instanceof TimeoutException && String.valueOf(e.getMessage()).contains("lux.ai.turn-deadline")) {
            reason = "The language model did not finish within the time LUX allows for one answer. Please try again; shorter "
                    + "requests help.";
        }
        else if (e instanceof TimeoutException || e.getCause() instanceof java.net.http.HttpTimeoutException) {
            reason = "The language model took too long to answer. Please try again; shorter requests help.";
        }
        else {
            reason = "The language model had a problem and could not answer (it may be down). Please try again in a few minutes,"
                    + " or type help to use commands.";
        }
        if (!session.calls().isEmpty()) {
            reason += " Steps already done in this turn: " + String.join(", ", session.calls()) + ".";
        }
        return reason;
    }

    private static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return -1;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        modelCalls.shutdownNow();
    }

    private ChatModel model() {
        ChatModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = ModelFactory.create(properties);
                    log.info("LUX agent uses {} model {} at {}", properties.provider(), properties.model(),
                            properties.effectiveBaseUrl());
                }
                m = model;
            }
        }
        return m;
    }

}
