package lux.agent.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lux.agent.FormKind;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolSession;

/**
 * The {@code contacts ...} and {@code who ...} commands: find, count, add, show, update
 * and delete contacts.
 */
final class ContactCommands {

    private ContactCommands() {
    }

    static String contacts(PeopleLines say, ToolBox.Tools tools, ToolSession session, String text, String sub,
            List<String> args, List<String> rest) {
        List<String> tags = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String a : args) {
            if (a.toLowerCase(Locale.ROOT).startsWith("tag:")) {
                tags.addAll(Arrays.asList(a.substring(4).split(",")));
            }
            else if (a.toLowerCase(Locale.ROOT).startsWith("not:")) {
                excluded.addAll(Arrays.asList(a.substring(4).split(",")));
            }
            else {
                plain.add(a);
            }
        }
        if (sub.contains("@") && args.isEmpty()) {
            return say.people(tools.contacts().showContact(sub));
        }
        return switch (sub) {
            case "add" -> plain.isEmpty() ? CommandMode.form(say, session, FormKind.CONTACT)
                    : say.people(tools.contacts().addContacts(EditCommands.addLines(text), tags));
            case "show" -> EditCommands.contact(say, tools, args);
            case "update" -> EditCommands.update(say, tools, args);
            case "delete" -> args.isEmpty() ? say.text("edit.which.contact")
                    : say.people(tools.contactEdits().deleteContact(args.get(0)));
            case "find", "search", "" ->
                say.people(tools.contacts().findContacts(String.join(" ", plain), tags.isEmpty() ? null : tags.get(0)));
            case "count" -> say.people(tools.contacts().countAudience(tags, List.of(), excluded));
            default -> sub.contains("@") ? EditCommands.contact(say, tools, rest) : CommandMode.unknown(say, session);
        };
    }

    /** {@code who ana@example.com}, also asked as "who is ana@example.com?". */
    static String who(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> addresses = args.stream()
            .map(a -> a.replaceAll("[?!.,;]+$", ""))
            .filter(a -> a.contains("@"))
            .toList();
        if (addresses.size() != 1) {
            return say.text("command.which.who");
        }
        return say.people(tools.contacts().showContact(addresses.get(0)));
    }

}
