package lux.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The core module on its own, for core's tests. TypeExcludeFilter keeps each test class's
 * nested {@code @TestConfiguration} (a fixed clock, say) out of every other test's
 * context, as @SpringBootApplication does.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "lux",
        excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\.testsupport\\..*Application") })
@EntityScan("lux")
@EnableJpaRepositories("lux")
public class CoreTestApplication {

}
