package lux.agent.testsupport;

import java.time.Instant;
import lux.testsupport.MutableClock;
import org.springframework.context.annotation.Bean;

/**
 * A clock the test moves, starting each test on Thursday 26 November 2026, 09:00 UTC
 * ({@link AgentConversation} sets it back before each test):
 * {@code @Import(ConversationClock.class)}.
 */
public class ConversationClock {

    public static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(NOW);
    }

}
