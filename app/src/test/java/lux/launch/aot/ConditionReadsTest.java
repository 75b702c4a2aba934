package lux.launch.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConditionReadsTest {

    @Test
    void remembersWhatIsAskedThroughTheEnvironmentAndBinderAndAnswersNothing() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new MapPropertySource("config", Map.of("lux.mail.transport", "smtp")));
        ConfigurationPropertySources.attach(environment);
        ConditionReads reads = new ConditionReads();
        environment.getPropertySources().addFirst(reads);

        assertThat(environment.getProperty("lux.mail.transport")).isEqualTo("smtp");
        assertThat(environment.containsProperty("spring.h2.console.enabled")).isFalse();
        assertThat(Binder.get(environment)
            .bind("management.endpoints.web.exposure.include", Bindable.listOf(String.class))
            .isBound()).isFalse();

        assertThat(reads.names()).contains("lux.mail.transport", "spring.h2.console.enabled",
                "management.endpoints.web.exposure.include", "management.endpoints.web.exposure.include[0]");
        assertThat(reads.getProperty("anything")).isNull();
        assertThat(List.copyOf(reads.names())).isSorted();
    }

    @Test
    void aReaderOfADerivedPropertyOtherThanTheOneItStandsForIsReported() {
        StandardEnvironment environment = new StandardEnvironment();
        ConditionReads reads = new ConditionReads();
        environment.getPropertySources().addFirst(reads);

        environment.getProperty("spring.datasource.url"); // as a condition of LUX's might
        environment.getProperty("lux.mail.transport"); // not derived: any reader may read
                                                       // it

        assertThat(reads.unexpectedReaders())
            .containsExactly("spring.datasource.url: " + ConditionReadsTest.class.getName());
    }

}
