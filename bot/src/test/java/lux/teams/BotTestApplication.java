package lux.teams;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * LUX core, tools and bot without the console: what the bot tests start. The console
 * brings the only sign-in; without it there are no users to make up (Boot would invent
 * one with a generated password).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@ComponentScan(basePackages = "lux",
        excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*TestApplication"),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*Test\\$.*") })
@EntityScan("lux")
@EnableJpaRepositories("lux")
public class BotTestApplication {

}
