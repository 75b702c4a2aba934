package lux.launch.aot;

import java.util.List;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.env.EnvironmentPostProcessorApplicationListener;
import org.springframework.boot.logging.DeferredLog;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Decides at every start of the packaged jar whether to use the bean definitions the
 * build made ahead of time (Spring AOT: no configuration-class parsing, no condition
 * evaluation at start; docs/benchmarks.md "Start-up"). They hold the answers of every
 * bean condition for the build's configuration, so they are used only when this start's
 * configuration gives the same facts ({@link ConditionSnapshot}); a start with, say,
 * {@code lux.mail.transport=graph} or the {@code prod} profile starts the usual way.
 * {@code -Dspring.aot.enabled} set either way is obeyed as it is.
 * <p>
 * It runs once the environment is complete (after the environment post-processors, which
 * load the configuration files and profiles) and before logging is set up and the
 * application context is made, the first two things that ask {@link AotDetector}. While
 * the build processes LUX ahead of time it records instead ({@link ConditionReads}).
 */
public class AotStartDecision implements SmartApplicationListener {

    static final String ENABLED = AotDetector.AOT_ENABLED;

    private final DeferredLog log = new DeferredLog();

    private final String initializer;

    public AotStartDecision(Class<?> mainClass) {
        this.initializer = mainClass.getName() + "__ApplicationContextInitializer";
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            decide(prepared.getEnvironment(), prepared.getSpringApplication().getClassLoader());
        }
        else if (event instanceof ApplicationPreparedEvent prepared && isProcessingAheadOfTime()) {
            // from here on only the refresh reads: its bean conditions (not logging's or
            // SpringApplication's own settings)
            prepared.getApplicationContext().getEnvironment().getPropertySources().addFirst(new ConditionReads());
        }
        else {
            this.log.switchTo(AotStartDecision.class);
        }
    }

    void decide(ConfigurableEnvironment environment, ClassLoader classLoader) {
        if (isProcessingAheadOfTime() || SpringProperties.getProperty(ENABLED) != null) {
            return;
        }
        ConditionSnapshot built = ConditionSnapshot.load(classLoader);
        if (built == null || !ClassUtils.isPresent(this.initializer, classLoader)) {
            return;
        }
        List<String> differ = built.differencesFrom(built.sameFactsOf(environment));
        if (differ.isEmpty()) {
            SpringProperties.setProperty(ENABLED, "true");
            this.log.info("Using the bean definitions made ahead of time: the configuration's bean conditions "
                    + "give the build's answers");
        }
        else {
            this.log.info("Starting without the bean definitions made ahead of time: the configuration differs "
                    + "from the build's in " + differ);
        }
    }

    private static boolean isProcessingAheadOfTime() {
        return Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
    }

    /**
     * After the environment post-processors, before logging
     * ({@link LoggingApplicationListener#DEFAULT_ORDER}) and the application context.
     */
    @Override
    public int getOrder() {
        return EnvironmentPostProcessorApplicationListener.DEFAULT_ORDER + 5;
    }

}
