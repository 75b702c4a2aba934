package lux.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;

/**
 * Reads contacts as people paste or type them: {@code Ana Lopez <ana@example.com>, Acme},
 * {@code ana@example.com, Ana Lopez, company Acme}, {@code ana@example.com, city=Berlin}
 * or a bare address. The part with the address is the address (a name may stand before it
 * in angle-bracket form); {@code company X} or {@code key=value} / {@code key: value}
 * parts are the company and attributes; the first other part is the name, a second one
 * the company. Hostile input is bounded: a line over {@value #MAX_LINE} characters,
 * control characters, markup in names or more than {@value #MAX_PARTS} parts are refused,
 * naming the line.
 */
public final class ContactLines {

    public static final int MAX_LINE = 1000;

    public static final int MAX_LINES = 500;
    static final int MAX_PARTS = 12;

    private static final Pattern ANGLE = Pattern.compile("^(.*?)<([^<>]+)>\\s*$");

    private static final Pattern COMPANY = Pattern.compile("^(?i)(?:company|firma)(?:\\s*[:=]\\s*|\\s+)(.+)$");

    private static final Pattern ATTRIBUTE = Pattern.compile("^([A-Za-z][A-Za-z0-9_ ]{0,63})\\s*[:=]\\s*(.*)$");

    private ContactLines() {
    }

    /** One line read: the contact it names, ready to create (tags are the caller's). */
    public static NewContact parse(String line) {
        if (line == null || line.isBlank()) {
            throw new InvalidInputException("contacts", "An empty line names no contact.");
        }
        if (line.length() > MAX_LINE) {
            throw new InvalidInputException("contacts",
                    "A line is longer than " + MAX_LINE + " characters; put one contact per line.");
        }
        if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new InvalidInputException("contacts", "\"" + shown(line) + "\" contains control characters.");
        }
        String[] parts = line.strip().split("\\s*[,;]\\s*");
        if (parts.length > MAX_PARTS) {
            throw new InvalidInputException("contacts",
                    "\"" + shown(line) + "\" has more than " + MAX_PARTS + " parts.");
        }
        String email = null;
        String name = null;
        String company = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (String raw : parts) {
            String part = raw.strip().replaceAll("^\"|\"$", "");
            if (part.isEmpty()) {
                continue;
            }
            Matcher angle = ANGLE.matcher(part);
            Matcher companyPart = COMPANY.matcher(part);
            Matcher attribute = ATTRIBUTE.matcher(part);
            if (email == null && angle.matches() && angle.group(2).contains("@")) {
                email = angle.group(2).strip();
                String before = angle.group(1).strip().replaceAll("^\"|\"$", "").strip();
                name = before.isEmpty() ? null : before;
            }
            else if (email == null && !part.contains(" ") && part.contains("@")) {
                email = part;
            }
            else if (companyPart.matches()) {
                company = companyPart.group(1).strip();
            }
            else if (attribute.matches()) {
                attributes.put(ContactService.attributeName(attribute.group(1)), attribute.group(2).strip());
            }
            else {
                plain.add(part);
            }
        }
        if (email == null) {
            throw new InvalidInputException("contacts", "\"" + shown(line) + "\" has no email address.");
        }
        email = EmailAddress.normalise(email);
        for (String part : plain) {
            if (name == null) {
                name = part;
            }
            else if (company == null) {
                company = part;
            }
            else {
                throw new InvalidInputException("contacts", "\"" + shown(line) + "\": LUX cannot tell what \""
                        + shown(part) + "\" is. Write company <name> or key=value.");
            }
        }
        requirePlain(line, name);
        requirePlain(line, company);
        String[] names = splitName(name);
        return new NewContact(email, names[0], names[1], company, attributes, null, null);
    }

    /**
     * Many lines at once, refusing more than {@value #MAX_LINES} (an import file is the
     * road for more).
     */
    public static List<String> lines(List<String> entries) {
        List<String> lines = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                if (entry != null) {
                    entry.lines().filter(l -> !l.isBlank()).forEach(lines::add);
                }
            }
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("contacts", "Give at least one contact (an email address, or a line like "
                    + "Ana Lopez <ana@example.com>, Acme).");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidInputException("contacts", lines.size() + " lines is more than " + MAX_LINES
                    + " at once; attach them as a CSV file and import it instead.");
        }
        return lines;
    }

    /**
     * "Ana Lopez" is first name Ana, last name Lopez; "Lopez, Ana" is not read (a comma
     * separates parts).
     */
    private static String[] splitName(String name) {
        if (name == null) {
            return new String[] { null, null };
        }
        String[] words = name.strip().split("\\s+", 2);
        return new String[] { words[0], words.length > 1 ? words[1] : null };
    }

    private static void requirePlain(String line, String value) {
        if (value != null && value.matches(".*[<>{}].*")) {
            throw new InvalidInputException("contacts",
                    "\"" + shown(line) + "\": names and companies cannot contain < > { }.");
        }
    }

    private static String shown(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

}
