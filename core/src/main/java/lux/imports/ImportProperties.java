package lux.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Contact import settings under {@code lux.imports}.
 *
 * @param batchSize rows written per transaction; 0 (the default) picks by database: 3,000
 * on PostgreSQL (one COPY into a staging table per batch), 1,000 on H2 (a JDBC batch)
 * @param threads imports that may run at the same time
 * @param progressInterval least time between two progress events of one import
 * @param errorReportLimit rows listed in an error report; the rest are counted in its
 * last line
 * @param maxRecordChars longest CSV record (quoted line breaks included) before the file
 * is refused: memory stays bounded
 * @param maxFieldChars characters of one field kept for checking; the rest is dropped
 * (the row is then invalid, since no contact field is that long) so one huge field costs
 * no memory
 * @param heartbeat how often a running or queued import says it is alive; one silent for
 * three heartbeats was left behind by a stopped instance and is marked FAILED
 * @param spoolDirectory where uploaded files wait for their import (empty: a lux-imports
 * folder in the temp directory)
 * @param allowedHosts hosts files may be fetched from outside local mode
 * ({@code *.example.com} = any subdomain)
 * @param allowPrivateAddresses whether those hosts may resolve to loopback or private
 * addresses (on-premises SharePoint)
 * @param maxFileSize largest file fetched or uploaded for an import
 * @param fetchTimeout the longest a whole download may take, redirects included
 * @param queueCapacity imports waiting for a thread; beyond that a new import is refused
 * at once (a clear "try again later"), so waiting uploads cannot pile up on disk and in
 * memory
 * @param writers connections one import writes on at the same time, each with its own
 * addresses; 0 (the default) picks by database: 2 on PostgreSQL (one backend per core of
 * a small machine), 1 on H2
 */
@Validated
@ConfigurationProperties("lux.imports")
public record ImportProperties(@Min(0) @Max(100000) @DefaultValue("0") int batchSize,
        @Min(1) @Max(8) @DefaultValue("1") int threads, @NotNull @DefaultValue("500ms") Duration progressInterval,
        @Min(1) @DefaultValue("10000") int errorReportLimit, @Min(4096) @DefaultValue("16000000") int maxRecordChars,
        @Min(1024) @DefaultValue("100000") int maxFieldChars,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration heartbeat,
        @DefaultValue("") String spoolDirectory, @NotNull @DefaultValue( {
                "*.sharepoint.com", "*.sharepoint.us", "*.sharepoint-mil.us", "*.sharepoint.cn", "*.files.1drv.com",
                "onedrive.live.com", "graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
                "microsoftgraph.chinacloudapi.cn", "smba.trafficmanager.net", "*.teams.microsoft.com",
                "*.teams.microsoft.us", "*.asm.skype.com" }) List<String> allowedHosts,
        @DefaultValue("false") boolean allowPrivateAddresses, @NotNull @DefaultValue("100MB") DataSize maxFileSize,
        @NotNull @DurationMin(millis = 100) @DefaultValue("2m") Duration fetchTimeout,
        @Min(0) @DefaultValue("10") int queueCapacity, @Min(0) @Max(8) @DefaultValue("0") int writers){

    /** The directory uploads wait in. */
    Path spool() {
        return spoolDirectory.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "lux-imports")
                : Path.of(spoolDirectory);
    }
}
