package lux.launch;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the missing production settings into Spring Boot's short "APPLICATION FAILED TO
 * START" report, without a stack trace.
 */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set each of them as an environment variable or --name=value argument (docs/deployment.md has the "
                        + "configuration table), or start without --spring.profiles.active=prod for local use.",
                cause);
    }

}
