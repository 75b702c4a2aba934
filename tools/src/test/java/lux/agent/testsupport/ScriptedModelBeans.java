package lux.agent.testsupport;

import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The scripted model as a bean of the test's context, and LUX's OpenAI client pointed at
 * it: {@code @Import(ScriptedModelBeans.class)}. The model lives and closes with the
 * context. A test's own {@code lux.ai.max-retries} and {@code lux.ai.timeout} win;
 * otherwise one retry and 10 s. Not a {@code @Configuration}: no component scan of "lux"
 * picks it up.
 */
public class ScriptedModelBeans {

    @Bean(destroyMethod = "close")
    ScriptedOpenAi scriptedOpenAi() {
        return ScriptedOpenAi.start();
    }

    @Bean
    DynamicPropertyRegistrar scriptedModelProperties(ScriptedOpenAi model, Environment environment) {
        // read before registering: a dynamic property would otherwise shadow the test's
        String retries = environment.getProperty("lux.ai.max-retries", "1");
        String timeout = environment.getProperty("lux.ai.timeout", "10s");
        return registry -> {
            registry.add("lux.ai.api-key", () -> "sk-test-key");
            registry.add("lux.ai.base-url", model::baseUrl);
            registry.add("lux.ai.max-retries", () -> retries);
            registry.add("lux.ai.timeout", () -> timeout);
        };
    }

}
