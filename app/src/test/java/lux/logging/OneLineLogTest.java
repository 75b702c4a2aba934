package lux.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The app's logback-spring.xml, loaded as logback loads it: an injected CR/LF cannot
 * forge a second log entry.
 */
class OneLineLogTest {

    @Test
    void aMessageWithInjectedLineBreaksStaysOneLine() throws Exception {
        List<String> lines = logThroughTheAppConfiguration(log -> log.info("Imported contact {}",
                "mallory@example.com\r\n2026-11-30T10:00:00.000Z  INFO 1 --- [main] lux.admin : FAKE ENTRY admin logged in"));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
            .contains("Imported contact mallory@example.com\\r\\n2026-11-30T10:00:00.000Z  INFO 1 --- [main]")
            .contains("FAKE ENTRY")
            .contains(" INFO ")
            .contains(OneLineLogTest.class.getSimpleName());
    }

    @Test
    void otherLineBreaksAreEscapedToo() {
        assertThat(OneLineMessageConverter.escape("a\u2028b\u0085c\u000Bd\re\nf"))
            .isEqualTo("a\\u2028b\\u0085c\\u000bd\\re\\nf");
        assertThat(OneLineMessageConverter.escape("plain text")).isEqualTo("plain text");
    }

    /**
     * Logs through the CONSOLE appender's own encoder, exactly as configured by
     * logback-spring.xml.
     */
    private static List<String> logThroughTheAppConfiguration(java.util.function.Consumer<Logger> logging)
            throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(OneLineLogTest.class.getResource("/logback-spring.xml"));
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            @SuppressWarnings("unchecked")
            OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root
                .getAppender("CONSOLE");
            assertThat(console).as("the CONSOLE appender of logback-spring.xml").isNotNull();
            console.setOutputStream(written);
            logging.accept(context.getLogger(OneLineLogTest.class));
        }
        finally {
            context.stop();
        }
        return Arrays.stream(written.toString(StandardCharsets.UTF_8).split("\r?\n"))
            .filter(l -> !l.isBlank())
            .toList();
    }

}
