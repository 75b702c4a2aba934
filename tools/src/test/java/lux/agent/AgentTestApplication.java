package lux.agent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** LUX core and tools: what the agent tests start. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "lux",
        excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*TestApplication"),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "lux\\..*Test\\$.*") })
@EntityScan("lux")
@EnableJpaRepositories("lux")
public class AgentTestApplication {

}
