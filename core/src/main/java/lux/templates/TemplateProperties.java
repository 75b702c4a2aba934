package lux.templates;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The render budget of one template part (subject, HTML body or text body) under
 * {@code lux.templates}: every render on every path (save, preview, sending) stops with
 * an error naming the template once it is spent.
 *
 * @param renderTimeout longest wall time one part may take to render
 * @param maxLoopIterations for-loop iterations one part may run, counted across all
 * loops, nested or not
 * @param maxOutput longest output, in characters, of one part
 */
@Validated
@ConfigurationProperties("lux.templates")
public record TemplateProperties(@NotNull @DefaultValue("5s") Duration renderTimeout,
        @Min(1) @DefaultValue("10000") int maxLoopIterations,
        @Min(1000) @Max(100_000_000) @DefaultValue("2000000") int maxOutput) {
    public TemplateProperties {
        if (renderTimeout != null && (renderTimeout.isNegative() || renderTimeout.isZero())) {
            throw new IllegalArgumentException("lux.templates.render-timeout must be positive, e.g. 1s");
        }
    }

    /** The defaults, for code and tests that build a {@link TemplateService} by hand. */
    public static TemplateProperties defaults() {
        return new TemplateProperties(Duration.ofSeconds(5), 10_000, 2_000_000);
    }
}
