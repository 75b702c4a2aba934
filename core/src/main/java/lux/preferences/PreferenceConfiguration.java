package lux.preferences;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code lux.preferences.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PreferenceProperties.class)
class PreferenceConfiguration {

}
