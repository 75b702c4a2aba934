package lux.agent.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import lux.agent.tools.ToolBox;

/**
 * Command mode for what people change after creating it: contacts (show, update, untag,
 * unsubscribe), a template one part at a time, a draft campaign, copies, bulk tags by
 * audience and the suppression list. Each reply is the tool's own line for people beside
 * its card, in their language (the bundle's {@code edit.*} texts).
 */
final class EditCommands {

    private static final Pattern ADD = Pattern.compile("^\\s*(?i:contacts?\\s+add)\\s*");

    private EditCommands() {
    }

    /**
     * The contacts {@code contacts add …} names: one per line; a line of bare addresses
     * is one contact per address.
     */
    static List<String> addLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : ADD.matcher(text == null ? "" : text).replaceFirst("").split("\\R")) {
            String clean = line.replaceAll("(?i)(^|\\s)tag:\\S+", " ").strip();
            if (clean.isEmpty()) {
                continue;
            }
            if (clean.contains(",") || clean.contains(";") || clean.contains("<")) {
                lines.add(clean);
            }
            else {
                lines.addAll(Arrays.asList(clean.split("\\s+")));
            }
        }
        return lines;
    }

    static String contact(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return say.text("edit.which.contact");
        }
        return say.people(tools.contactEdits().showContact(args.get(0).replaceAll("[?!.,;]+$", "")));
    }

    static String update(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.size() < 2) {
            return say.text("edit.usage.update");
        }
        String first = null;
        String last = null;
        String company = null;
        List<String> attributes = new ArrayList<>();
        for (String word : args.subList(1, args.size())) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("first:")) {
                first = word.substring(6);
            }
            else if (lower.startsWith("last:")) {
                last = word.substring(5);
            }
            else if (lower.startsWith("company:")) {
                company = word.substring(8);
            }
            else if (word.contains("=") || word.contains(":")) {
                attributes.add(word);
            }
            else {
                return say.text("edit.usage.update");
            }
        }
        return say.people(tools.contactEdits().updateContact(args.get(0), first, last, company, attributes));
    }

    static String untag(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> emails = args.stream().filter(a -> a.contains("@")).toList();
        List<String> tags = args.stream()
            .filter(Predicate.not(a -> a.contains("@")))
            .map(CommandMode::tagName)
            .toList();
        if (emails.isEmpty() || tags.isEmpty()) {
            return say.text("edit.usage.untag");
        }
        return say.people(tools.contactEdits().untagContacts(emails, tags));
    }

    static String unsubscribe(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return say.text("edit.which.contact");
        }
        String reason = args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : null;
        return say.people(tools.contactEdits().unsubscribeContact(args.get(0), reason));
    }

    /**
     * {@code template subject <name> <subject>}: the longest leading words that name a
     * template are the name.
     */
    static String subject(PeopleLines say, ToolBox.Tools tools, List<String> args, Predicate<String> isTemplate) {
        for (int split = args.size() - 1; split >= 1; split--) {
            String name = String.join(" ", args.subList(0, split));
            if (isTemplate.test(name)) {
                return say.people(tools.templateEdits()
                    .setTemplateSubject(name, String.join(" ", args.subList(split, args.size()))));
            }
        }
        return args.size() < 2 ? say.text("edit.usage.subject") : say.people(
                tools.templateEdits().setTemplateSubject(args.get(0), String.join(" ", args.subList(1, args.size()))));
    }

    /**
     * {@code template replace <name> "old" with "new"}: the word "with" after the quoted
     * old text splits them.
     */
    static String replace(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        int with = args.lastIndexOf("with");
        if (with < 2 || with != args.size() - 2) {
            return say.text("edit.usage.replace");
        }
        String name = String.join(" ", args.subList(0, with - 1));
        return say.people(tools.templateEdits().replaceTemplateText(name, args.get(with - 1), args.get(with + 1)));
    }

    static String editCampaign(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> name = new ArrayList<>();
        String template = null;
        String sender = null;
        List<String> anyOf = null;
        List<String> excluded = null;
        String segment = null;
        for (String word : args) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("segment:")) {
                segment = word.substring(8);
            }
            else if (lower.startsWith("template:")) {
                template = word.substring(9);
            }
            else if (lower.startsWith("sender:") || lower.startsWith("from:")) {
                sender = word.substring(word.indexOf(':') + 1);
            }
            else if (lower.startsWith("tag:")) {
                anyOf = add(anyOf, word.substring(4));
            }
            else if (lower.startsWith("not:")) {
                excluded = add(excluded, word.substring(4));
            }
            else {
                name.add(word);
            }
        }
        if (name.isEmpty()
                || (template == null && sender == null && anyOf == null && excluded == null && segment == null)) {
            return say.text("edit.usage.edit");
        }
        boolean audience = anyOf != null || excluded != null;
        return say.people(tools.campaignEdits()
            .editCampaign(String.join(" ", name), template, audience ? orEmpty(anyOf) : null,
                    audience ? List.of() : null, audience ? orEmpty(excluded) : null, sender, null, segment));
    }

    static String duplicate(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return say.text("edit.usage.duplicate");
        }
        int as = args.lastIndexOf("as");
        if (as >= 1 && as < args.size() - 1) {
            return say.people(tools.campaignEdits()
                .duplicateCampaign(String.join(" ", args.subList(0, as)),
                        String.join(" ", args.subList(as + 1, args.size()))));
        }
        return say.people(tools.campaignEdits().duplicateCampaign(String.join(" ", args), null));
    }

    /**
     * {@code bulk tag|untag <tags> to tag:x [not:y] [count:N]}: without the count it only
     * says how many it would change.
     */
    static String bulk(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (!args.isEmpty() && args.get(0).equalsIgnoreCase("delete")) {
            return bulkDelete(say, tools, args.subList(1, args.size()));
        }
        if (args.isEmpty() || !(args.get(0).equalsIgnoreCase("tag") || args.get(0).equalsIgnoreCase("untag"))) {
            return say.text("edit.usage.bulk");
        }
        boolean add = args.get(0).equalsIgnoreCase("tag");
        List<String> tags = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Long count = null;
        String segment = null;
        for (String word : args.subList(1, args.size())) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("segment:")) {
                segment = word.substring(8);
            }
            else if (lower.startsWith("tag:")) {
                anyOf.add(word.substring(4));
            }
            else if (lower.startsWith("not:")) {
                excluded.add(word.substring(4));
            }
            else if (lower.startsWith("count:") && word.substring(6).matches("\\d{1,12}")) {
                count = Long.parseLong(word.substring(6));
            }
            else if (!lower.equals("to") && !lower.equals("from")) {
                tags.add(word);
            }
        }
        if (tags.isEmpty()) {
            return say.text("edit.usage.bulk");
        }
        var result = add ? tools.audienceTags().tagAudience(tags, anyOf, List.of(), excluded, count, segment)
                : tools.audienceTags().untagAudience(tags, anyOf, List.of(), excluded, count, segment);
        return result instanceof lux.agent.tools.EditResults.RetagCounted counted
                ? say.people(counted) + " " + say.text("edit.bulkConfirm", String.valueOf(counted.contacts()))
                : say.people(result);
    }

    /**
     * {@code bulk delete tag:x [not:y]}: a Confirm card with the count; nothing is
     * deleted before it is pressed.
     */
    private static String bulkDelete(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        String segment = null;
        for (String word : args) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("segment:")) {
                segment = word.substring(8);
            }
            else if (lower.startsWith("tag:")) {
                anyOf.addAll(Arrays.asList(word.substring(4).split(",")));
            }
            else if (lower.startsWith("not:")) {
                excluded.addAll(Arrays.asList(word.substring(4).split(",")));
            }
            else {
                return say.text("edit.usage.bulkDelete");
            }
        }
        if (segment != null) {
            return anyOf.isEmpty() && excluded.isEmpty()
                    ? say.people(tools.audienceTags().deleteAudience(List.of(), List.of(), List.of(), segment))
                    : say.text("edit.usage.bulkDelete");
        }
        return anyOf.isEmpty() ? say.text("edit.usage.bulkDelete")
                : say.people(tools.audienceTags().deleteAudience(anyOf, List.of(), excluded));
    }

    static String suppress(PeopleLines say, ToolBox.Tools tools, boolean suppress, List<String> args) {
        if (args.isEmpty()) {
            return say.text("edit.usage.suppress");
        }
        String note = args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : null;
        return say.people(suppress ? tools.suppressions().suppress(args.get(0), note)
                : tools.suppressions().unsuppress(args.get(0)));
    }

    private static List<String> add(List<String> list, String value) {
        List<String> out = list == null ? new ArrayList<>() : list;
        out.addAll(Arrays.asList(value.split(",")));
        return out;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

}
