package lux.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The core module on its own, for core's tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "lux", excludeFilters = @ComponentScan.Filter(type = org.springframework.context.annotation.FilterType.REGEX, pattern = "lux\\.testsupport\\..*Application"))
@EntityScan("lux")
@EnableJpaRepositories("lux")
public class CoreTestApplication {
}
