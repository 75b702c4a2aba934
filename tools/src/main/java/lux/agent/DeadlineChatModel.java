package lux.agent;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One turn's view of the model: every call (retries included) must end before the turn's
 * deadline ({@code lux.ai.turn-deadline}), however many tool rounds the model asks for
 * and however slowly it answers. A call still running at the deadline is abandoned (its
 * thread interrupted) and the turn ends with a plain message; tools run between calls on
 * the turn's own thread, so a step is never cut in half.
 */
final class DeadlineChatModel implements ChatModel {

    private final ChatModel delegate;

    private final ExecutorService calls;

    private final long deadlineNanos;

    private final Duration budget;

    DeadlineChatModel(ChatModel delegate, ExecutorService calls, Duration budget) {
        this.delegate = delegate;
        this.calls = calls;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return withinDeadline(() -> delegate.chat(request));
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return withinDeadline(() -> delegate.chat(request, options));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return withinDeadline(() -> delegate.doChat(request));
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    private ChatResponse withinDeadline(Supplier<ChatResponse> call) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw expired();
        }
        Future<ChatResponse> running = calls.submit(call::get);
        try {
            return running.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            running.cancel(true);
            throw expired();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException | CancellationException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw expired();
        }
    }

    private TimeoutException expired() {
        return new TimeoutException("the turn's deadline of " + budget.toSeconds() + "s (lux.ai.turn-deadline) passed");
    }

}
