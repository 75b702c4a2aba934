package lux.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Contact import settings under {@code lux.imports}.
 *
 * @param batchSize         rows written per transaction (at most 2000: a multi-row insert stays under PostgreSQL's parameter limit)
 * @param threads           imports that may run at the same time
 * @param progressInterval  least time between two progress events of one import
 * @param errorReportLimit  rows listed in an error report; the rest are counted in its last line
 * @param maxLineChars      longest physical line accepted before the file is refused (keeps memory bounded)
 * @param queueCapacity     imports waiting for a thread; beyond that a new import is refused at once (a clear "try again
 *                          later"), so waiting uploads cannot pile up on disk and in memory
 */
@Validated
@ConfigurationProperties("lux.imports")
public record ImportProperties(@Min(1) @Max(2000) @DefaultValue("1000") int batchSize,
                               @Min(1) @Max(8) @DefaultValue("1") int threads,
                               @NotNull @DefaultValue("500ms") Duration progressInterval,
                               @Min(1) @DefaultValue("10000") int errorReportLimit,
                               @Min(1024) @DefaultValue("16000000") int maxLineChars,
                               @Min(0) @DefaultValue("10") int queueCapacity) {
}
