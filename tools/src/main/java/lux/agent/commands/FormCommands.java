package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lux.agent.tools.FormTools;
import lux.shared.LuxException;

/** "forms" and "form create <name> [tag:x] [lang:de] [single]" in command mode: one short line each. */
final class FormCommands {
    private FormCommands() {
    }

    static String run(FormTools forms, String sub, List<String> rest) {
        if (!"create".equals(sub)) {
            List<FormTools.FormSummary> all = forms.listSignupForms();
            return all.isEmpty() ? "No sign-up forms yet. Type form create <name> [tag:x] [lang:de]."
                    : all.stream().map(f -> f.name() + " (" + f.language() + (f.tags().isEmpty() ? "" : ", tags " + String.join(", ", f.tags()))
                    + "): " + f.page()).collect(Collectors.joining("\n"));
        }
        List<String> name = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        String language = null;
        boolean doubleOptIn = true;
        for (String word : rest.subList(1, rest.size())) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tag:")) {
                tags.add(word.substring(4));
            } else if (lower.startsWith("lang:")) {
                language = word.substring(5);
            } else if (lower.equals("single")) {
                doubleOptIn = false;
            } else {
                name.add(word);
            }
        }
        if (name.isEmpty()) {
            return "Name the form: form create <name> [tag:x] [lang:de] [single].";
        }
        try {
            FormTools.FormSummary f = forms.createSignupForm(String.join(" ", name), tags, language, doubleOptIn);
            return "Created the sign-up form " + f.name() + (f.doubleOptIn() ? " (double opt-in)" : "") + ": " + f.page()
                    + " - the snippet for your website is in the console under Forms.";
        } catch (LuxException e) {
            return e.getMessage();
        }
    }
}
