package lux.manifests;

import java.util.List;

/**
 * Every reason the Teams package cannot be built with the given settings, in one message.
 */
public class InvalidPackageSettingsException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidPackageSettingsException(List<String> problems) {
        super("The Teams app package cannot be built:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

}
