package lux.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Core plus the console and API, without the bot: what admin-web's tests start. */
@SpringBootConfiguration
@EnableAutoConfiguration
// Core's test-jar is on the class path: leave out its test applications and its tests'
// own configurations.
@ComponentScan(basePackages = "lux",
        excludeFilters = { @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*TestApplication"),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*Test(\\$.*)?"),
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class) })
@EntityScan("lux")
@EnableJpaRepositories("lux")
public class ConsoleTestApplication {

}
