package lux.publicweb;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Core plus the public routes, without other tests' applications and nested test
 * configurations.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "lux",
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = { "lux\\..*Application", "lux\\..*Test\\$.*" }))
@EntityScan("lux")
@EnableJpaRepositories("lux")
class PublicWebTestApplication {

}
