package lux.abtests;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code lux.abtests.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AbTestProperties.class)
class AbTestConfiguration {

}
