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
 * its card. The sentences people read here are in this class only.
 */
final class EditCommands {

    static final String HELP = """

            - contacts add Ana Lopez <ana@example.com>, Acme - one contact per line, with name and company
            - contact <email> (or who is <email>) - a contact's status, tags and engagement
            - contact update <email> first:Ana last:Lopez company:Acme city=Berlin - change a contact; contact delete <email>
            - untag <email> [more emails] <tag> - remove tags; unsubscribe <email> [reason]
            - bulk tag|untag <tags> to tag:x [not:y] [count:N] - change tags of a whole audience (count first); bulk delete tag:x
            - template subject <template> <new subject>; template replace <template> "old text" with "new text"
            - campaign edit <campaign> [template:x] [tag:x] [not:y] [sender:a@x.com] - change a draft
            - duplicate <campaign> [as <new name>] - copy a campaign as a new draft
            - suppressions; suppress <address or domain>; unsuppress <address or domain> - admins only
            - journey Trial: when someone gets the tag trial, send Welcome now and Tips three days later if they didn't click - an automation (a card to confirm); journeys; journey pause|resume <name>""";
    static final String WHICH_CONTACT = "Which contact? Add the email address, e.g. contact ana@example.com.";
    static final String UPDATE_USAGE = "Type contact update <email> first:Ana last:Lopez company:Acme city=Berlin.";
    static final String UNTAG_USAGE = "Type untag <email> <tag>, e.g. untag ana@example.com vip.";
    static final String SUBJECT_USAGE = "Type template subject <template> <new subject>.";
    static final String REPLACE_USAGE = "Type template replace <template> \"old text\" with \"new text\".";
    static final String EDIT_USAGE = "Type campaign edit <campaign> template:<name> tag:<tag> not:<tag> sender:<mailbox>.";
    static final String DUPLICATE_USAGE = "Which campaign? Type duplicate <campaign> [as <new name>].";
    static final String BULK_USAGE = "Type bulk tag <tags> to tag:<audience tag> [not:<tag>], then again with count:<N> to go ahead.";
    static final String BULK_DELETE_USAGE = "Type bulk delete tag:<tag> [not:<tag>]; a card shows how many and asks you to confirm.";
    static final String BULK_CONFIRM = " To go ahead, type the same again with count:%d.";
    static final String SUPPRESS_USAGE = "Give an address or domain, e.g. suppress x@example.com or suppress example.com.";

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

    static String contact(ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return WHICH_CONTACT;
        }
        return tools.contactEdits().showContact(args.get(0).replaceAll("[?!.,;]+$", "")).forPeople();
    }

    static String update(ToolBox.Tools tools, List<String> args) {
        if (args.size() < 2) {
            return UPDATE_USAGE;
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
                return UPDATE_USAGE;
            }
        }
        return tools.contactEdits().updateContact(args.get(0), first, last, company, attributes).forPeople();
    }

    static String untag(ToolBox.Tools tools, List<String> args) {
        List<String> emails = args.stream().filter(a -> a.contains("@")).toList();
        List<String> tags = args.stream()
            .filter(Predicate.not(a -> a.contains("@")))
            .map(CommandMode::tagName)
            .toList();
        if (emails.isEmpty() || tags.isEmpty()) {
            return UNTAG_USAGE;
        }
        return tools.contactEdits().untagContacts(emails, tags).forPeople();
    }

    static String unsubscribe(ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return WHICH_CONTACT;
        }
        String reason = args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : null;
        return tools.contactEdits().unsubscribeContact(args.get(0), reason).forPeople();
    }

    /**
     * {@code template subject <name> <subject>}: the longest leading words that name a
     * template are the name.
     */
    static String subject(ToolBox.Tools tools, List<String> args, Predicate<String> isTemplate) {
        for (int split = args.size() - 1; split >= 1; split--) {
            String name = String.join(" ", args.subList(0, split));
            if (isTemplate.test(name)) {
                return tools.templateEdits()
                    .setTemplateSubject(name, String.join(" ", args.subList(split, args.size())))
                    .forPeople();
            }
        }
        return args.size() < 2 ? SUBJECT_USAGE
                : tools.templateEdits()
                    .setTemplateSubject(args.get(0), String.join(" ", args.subList(1, args.size())))
                    .forPeople();
    }

    /**
     * {@code template replace <name> "old" with "new"}: the word "with" after the quoted
     * old text splits them.
     */
    static String replace(ToolBox.Tools tools, List<String> args) {
        int with = args.lastIndexOf("with");
        if (with < 2 || with != args.size() - 2) {
            return REPLACE_USAGE;
        }
        String name = String.join(" ", args.subList(0, with - 1));
        return tools.templateEdits().replaceTemplateText(name, args.get(with - 1), args.get(with + 1)).forPeople();
    }

    static String editCampaign(ToolBox.Tools tools, List<String> args) {
        List<String> name = new ArrayList<>();
        String template = null;
        String sender = null;
        List<String> anyOf = null;
        List<String> excluded = null;
        for (String word : args) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("template:")) {
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
        if (name.isEmpty() || (template == null && sender == null && anyOf == null && excluded == null)) {
            return EDIT_USAGE;
        }
        boolean audience = anyOf != null || excluded != null;
        return tools.campaignEdits()
            .editCampaign(String.join(" ", name), template, audience ? orEmpty(anyOf) : null,
                    audience ? List.of() : null, audience ? orEmpty(excluded) : null, sender, null)
            .forPeople();
    }

    static String duplicate(ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return DUPLICATE_USAGE;
        }
        int as = args.lastIndexOf("as");
        if (as >= 1 && as < args.size() - 1) {
            return tools.campaignEdits()
                .duplicateCampaign(String.join(" ", args.subList(0, as)),
                        String.join(" ", args.subList(as + 1, args.size())))
                .forPeople();
        }
        return tools.campaignEdits().duplicateCampaign(String.join(" ", args), null).forPeople();
    }

    /**
     * {@code bulk tag|untag <tags> to tag:x [not:y] [count:N]}: without the count it only
     * says how many it would change.
     */
    static String bulk(ToolBox.Tools tools, List<String> args) {
        if (!args.isEmpty() && args.get(0).equalsIgnoreCase("delete")) {
            return bulkDelete(tools, args.subList(1, args.size()));
        }
        if (args.isEmpty() || !(args.get(0).equalsIgnoreCase("tag") || args.get(0).equalsIgnoreCase("untag"))) {
            return BULK_USAGE;
        }
        boolean add = args.get(0).equalsIgnoreCase("tag");
        List<String> tags = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Long count = null;
        for (String word : args.subList(1, args.size())) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tag:")) {
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
            return BULK_USAGE;
        }
        var result = add ? tools.audienceTags().tagAudience(tags, anyOf, List.of(), excluded, count)
                : tools.audienceTags().untagAudience(tags, anyOf, List.of(), excluded, count);
        return result instanceof lux.agent.tools.EditResults.RetagCounted counted
                ? counted.forPeople() + BULK_CONFIRM.formatted(counted.contacts()) : result.forPeople();
    }

    /**
     * {@code bulk delete tag:x [not:y]}: a Confirm card with the count; nothing is
     * deleted before it is pressed.
     */
    private static String bulkDelete(ToolBox.Tools tools, List<String> args) {
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String word : args) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tag:")) {
                anyOf.addAll(Arrays.asList(word.substring(4).split(",")));
            }
            else if (lower.startsWith("not:")) {
                excluded.addAll(Arrays.asList(word.substring(4).split(",")));
            }
            else {
                return BULK_DELETE_USAGE;
            }
        }
        return anyOf.isEmpty() ? BULK_DELETE_USAGE
                : tools.audienceTags().deleteAudience(anyOf, List.of(), excluded).forPeople();
    }

    static String suppress(ToolBox.Tools tools, boolean suppress, List<String> args) {
        if (args.isEmpty()) {
            return SUPPRESS_USAGE;
        }
        String note = args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : null;
        return (suppress ? tools.suppressions().suppress(args.get(0), note)
                : tools.suppressions().unsuppress(args.get(0)))
            .forPeople();
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
