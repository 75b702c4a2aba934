package lux.launch;

import java.util.List;

/**
 * Thrown before anything starts when the prod profile lacks settings; its message lists
 * them all.
 */
public class ProductionSettingsMissingException extends IllegalStateException {

    private final List<String> problems;

    public ProductionSettingsMissingException(List<String> problems) {
        super("The prod profile is active but " + problems.size() + " setting(s) are missing or wrong:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

}
