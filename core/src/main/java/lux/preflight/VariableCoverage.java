package lux.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lux.contacts.AudienceFieldCounts;
import lux.contacts.AudienceFilter;
import lux.preflight.PreflightReport.Check;
import lux.preflight.PreflightReport.Problem;
import lux.templates.TemplateContent;
import org.springframework.stereotype.Component;

/**
 * Every field a template prints is defined for the whole audience: counted in SQL over
 * the audience at once. An attribute nobody in the audience has (a typo, an attribute
 * never imported) blocks; a field some contacts lack (or a name field all lack) is a
 * warning with the fallback to write.
 */
@Component
class VariableCoverage {

    /**
     * Fields every contact has (perhaps empty); any other name is an attribute only some
     * contacts may have.
     */
    private static final java.util.Set<String> STANDARD = java.util.Set.of("email", "first_name", "last_name",
            "full_name", "company");

    private final AudienceFieldCounts counts;

    VariableCoverage(AudienceFieldCounts counts) {
        this.counts = counts;
    }

    List<Problem> check(TemplateContent content, AudienceFilter audience) {
        List<String> fields = TemplateVariables.unguarded(content);
        if (fields.isEmpty()) {
            return List.of();
        }
        Map<String, Long> missing = counts.missing(audience, fields);
        long total = missing.get("");
        List<Problem> problems = new ArrayList<>();
        for (String field : fields) {
            long without = missing.get(field);
            if (total == 0 || without == 0) {
                continue;
            }
            String fallback = "{{ contact." + field + " | default(\"" + (field.contains("name") ? "there" : "…")
                    + "\") }}";
            if (without == total && !STANDARD.contains(field)) {
                problems.add(Problem.blocking(Check.VARIABLES,
                        "No contact in the audience has the attribute " + field + " (contact." + field
                                + "): a typo, or an attribute never imported? Check the spelling, or use " + fallback
                                + "."));
            }
            else {
                problems
                    .add(Problem.warning(Check.VARIABLES, without + (without == 1 ? " contact has" : " contacts have")
                            + " no " + label(field) + " — use " + fallback + "."));
            }
        }
        return problems;
    }

    private static String label(String field) {
        return field.replace('_', ' ');
    }

}
