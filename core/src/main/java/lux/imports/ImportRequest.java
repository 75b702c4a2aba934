package lux.imports;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import lux.contacts.Tag;
import lux.shared.InvalidInputException;

/**
 * A file to import: its name (shown to people and recorded as consent source), where to
 * read it, tags to give every imported contact, and what to do with addresses that
 * already exist.
 */
public record ImportRequest(String fileName, ImportSource source, Set<String> tags, ImportMode mode) {

    static final int MAX_FILE_NAME = 255;

    public ImportRequest {
        Objects.requireNonNull(source, "source");
        fileName = cleanFileName(fileName);
        TreeSet<String> names = new TreeSet<>();
        if (tags != null) {
            tags.stream().filter(t -> t != null && !t.isBlank()).map(Tag::normalise).forEach(names::add);
        }
        tags = Collections.unmodifiableSortedSet(names);
        mode = mode == null ? ImportMode.ADD_NEW_ONLY : mode;
    }

    // Only the last path segment: a browser or Teams may send "C:\\Users\\mia\\list.csv".
    private static String cleanFileName(String raw) {
        String name = raw == null ? "" : ControlChars.strip(raw).replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("fileName", "Give the import a file name (for example contacts.csv).");
        }
        return name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name;
    }
}
