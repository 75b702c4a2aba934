package lux.besttime;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code lux.best-time.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BestTimeProperties.class)
class BestTimeConfiguration {

}
