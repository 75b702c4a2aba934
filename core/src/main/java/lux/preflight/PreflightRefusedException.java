package lux.preflight;

import java.util.List;
import java.util.stream.Collectors;
import lux.shared.InvalidInputException;

/**
 * Scheduling refused because the pre-flight check found blocking problems; the message
 * lists every one.
 */
public class PreflightRefusedException extends InvalidInputException {

    private final transient PreflightReport report;

    public PreflightRefusedException(String campaignName, PreflightReport report) {
        super("preflight", "Campaign \"" + campaignName + "\" cannot be scheduled until these are fixed: "
                + messages(report.blocking()));
        this.report = report;
    }

    public PreflightReport report() {
        return report;
    }

    private static String messages(List<PreflightReport.Problem> problems) {
        return problems.stream().map(PreflightReport.Problem::message).collect(Collectors.joining(" "));
    }

}
