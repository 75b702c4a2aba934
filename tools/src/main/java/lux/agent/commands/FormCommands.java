package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lux.agent.tools.FormTools;

/**
 * "forms" and "form create <name> [tag:x] [lang:de] [single]" in command mode: one short
 * line each.
 */
final class FormCommands {

    private FormCommands() {
    }

    static String run(FormTools forms, String sub, List<String> rest) {
        if (!"create".equals(sub)) {
            return forms.listSignupForms().forPeople();
        }
        List<String> name = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        String language = null;
        boolean doubleOptIn = true;
        for (String word : rest.subList(1, rest.size())) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tag:")) {
                tags.add(word.substring(4));
            }
            else if (lower.startsWith("lang:")) {
                language = word.substring(5);
            }
            else if (lower.equals("single")) {
                doubleOptIn = false;
            }
            else {
                name.add(word);
            }
        }
        if (name.isEmpty()) {
            return "Name the form: form create <name> [tag:x] [lang:de] [single].";
        }
        return forms.createSignupForm(String.join(" ", name), tags, language, doubleOptIn).forPeople();
    }

}
