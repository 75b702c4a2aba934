package lux.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.contacts.ContactService;
import lux.shared.InvalidInputException;

/**
 * What each column of the header row means: the email, a name, the company (with common
 * synonyms in English, German and French), an attribute (every other named column), or
 * nothing (a column without a name, or one of LUX's own export columns such as status and
 * tags, which an import does not set).
 */
final class HeaderMapping {

    enum Field {

        EMAIL, FIRST_NAME, LAST_NAME, COMPANY, ATTRIBUTE, IGNORED

    }

    private static final Map<String, Field> SYNONYMS = new HashMap<>();

    static {
        for (String s : List.of("email", "e mail", "email address", "e mail address", "mail", "emailaddress",
                "e mail adresse", "email adresse", "emailadresse", "mailadresse", "adresse email", "adresse e mail",
                "courriel", "correo", "correo electronico")) {
            SYNONYMS.put(s, Field.EMAIL);
        }
        for (String s : List.of("first name", "firstname", "first", "given name", "givenname", "forename", "vorname",
                "prenom", "nombre")) {
            SYNONYMS.put(s, Field.FIRST_NAME);
        }
        for (String s : List.of("last name", "lastname", "last", "surname", "family name", "familyname", "nachname",
                "nom", "nom de famille", "apellido", "apellidos")) {
            SYNONYMS.put(s, Field.LAST_NAME);
        }
        for (String s : List.of("company", "company name", "organisation", "organization", "organisation name",
                "organization name", "org", "firma", "unternehmen", "employer", "societe", "entreprise", "empresa")) {
            SYNONYMS.put(s, Field.COMPANY);
        }
        // Columns of LUX's own export that an import never sets: status and consent are
        // kept, tags come with the import.
        for (String s : List.of("status", "tags", "consent source", "consent at", "created at", "updated at")) {
            SYNONYMS.put(s, Field.IGNORED);
        }
    }

    private final Field[] fields;

    private final String[] attributeNames;

    private final int emailColumn;

    private HeaderMapping(Field[] fields, String[] attributeNames, int emailColumn) {
        this.fields = fields;
        this.attributeNames = attributeNames;
        this.emailColumn = emailColumn;
    }

    static HeaderMapping of(List<String> header) {
        int n = header.size();
        Field[] fields = new Field[n];
        String[] attributes = new String[n];
        Map<String, Integer> seen = new HashMap<>();
        if (header.stream().noneMatch(h -> h != null && SYNONYMS.get(key(h.strip())) == Field.EMAIL)) {
            throw new ImportRefusedException("No email column found in the header row (\""
                    + shorten(String.join(",", header))
                    + "\"). The first line must name the columns, one of them \"email\"; save the list as CSV with such a header and try again.");
        }
        int email = -1;
        for (int i = 0; i < n; i++) {
            String raw = header.get(i) == null ? "" : header.get(i).strip();
            if (raw.isEmpty()) {
                fields[i] = Field.IGNORED;
                continue;
            }
            Field field = SYNONYMS.getOrDefault(key(raw), Field.ATTRIBUTE);
            if (field == Field.IGNORED) {
                fields[i] = field;
                continue;
            }
            String name = field.name();
            if (field == Field.ATTRIBUTE) {
                try {
                    name = ContactService.attributeName(raw);
                }
                catch (InvalidInputException e) {
                    throw new ImportRefusedException("Column " + (i + 1) + " of the header row, \"" + shorten(raw)
                            + "\", cannot be an attribute name: use letters, digits and _ (up to 64 characters, not starting with a digit).");
                }
                attributes[i] = name;
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new ImportRefusedException("Columns " + (before + 1) + " (\""
                        + shorten(header.get(before).strip()) + "\") and " + (i + 1) + " (\"" + shorten(raw)
                        + "\") of the header row mean the same field. Rename or remove one.");
            }
            fields[i] = field;
            if (field == Field.EMAIL) {
                email = i;
            }
        }
        return new HeaderMapping(fields, attributes, email);
    }

    int columns() {
        return fields.length;
    }

    Field field(int column) {
        return fields[column];
    }

    String attributeName(int column) {
        return attributeNames[column];
    }

    int emailColumn() {
        return emailColumn;
    }

    List<String> attributeColumns() {
        List<String> names = new ArrayList<>();
        for (String name : attributeNames) {
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    // "E-Mail-Adresse", "First_Name", "Prénom" -> "e mail adresse", "first name",
    // "prenom"
    static String key(String raw) {
        String plain = Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

}
