package lux.launch.aot;

import java.util.List;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Writes the {@link ConditionSnapshot} into the build's generated resources once Spring
 * has made the bean definitions ahead of time, so every condition has been evaluated.
 * Registered in META-INF/spring/aot.factories.
 */
class ConditionSnapshotAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
                ConfigurableEnvironment.class);
        PropertySource<?> reads = environment.getPropertySources().get(ConditionReads.NAME);
        if (!(reads instanceof ConditionReads conditionReads)) {
            // not started through LuxApplication.main: without the reads no start may use
            // it
            throw new IllegalStateException("LUX was processed ahead of time without recording what its bean "
                    + "conditions read (lux.launch.aot.AotStartDecision is added by LuxApplication.main)");
        }
        environment.getPropertySources().remove(ConditionReads.NAME);
        List<String> unexpected = conditionReads.unexpectedReaders();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("A bean condition reads a property the start-up comparison keeps only as "
                    + "a derived fact, so a start could get the wrong beans: " + unexpected
                    + ". Teach lux.launch.aot.ConditionSnapshot what that reader asks.");
        }
        String snapshot = ConditionSnapshot.of(environment, conditionReads.names()).toText();
        return (generation, code) -> generation.getGeneratedFiles()
            .addResourceFile(ConditionSnapshot.RESOURCE, snapshot);
    }

}
