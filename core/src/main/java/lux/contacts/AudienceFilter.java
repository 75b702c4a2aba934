package lux.contacts;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which contacts a campaign reaches: every active contact that has any of {@code anyOf}
 * (if given), all of {@code allOf} (if given) and none of {@code excluded}. Tag names are
 * normalised.
 */
public record AudienceFilter(Set<String> anyOf, Set<String> allOf, Set<String> excluded) {
    public AudienceFilter {
        anyOf = normalised(anyOf);
        allOf = normalised(allOf);
        excluded = normalised(excluded);
    }

    public static AudienceFilter everyone() {
        return new AudienceFilter(Set.of(), Set.of(), Set.of());
    }

    public static AudienceFilter anyOf(String... tags) {
        return new AudienceFilter(Set.of(tags), Set.of(), Set.of());
    }

    public Set<String> allTags() {
        Set<String> all = new TreeSet<>(anyOf);
        all.addAll(allOf);
        all.addAll(excluded);
        return all;
    }

    /** A human sentence, for cards and the audit log. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (anyOf.isEmpty() && allOf.isEmpty()) {
            text.append("all active contacts");
        }
        else {
            text.append("active contacts");
            if (!anyOf.isEmpty()) {
                text.append(" tagged any of ").append(String.join(", ", anyOf));
            }
            if (!allOf.isEmpty()) {
                text.append(anyOf.isEmpty() ? "" : " and").append(" tagged all of ").append(String.join(", ", allOf));
            }
        }
        if (!excluded.isEmpty()) {
            text.append(", except those tagged ").append(String.join(", ", excluded));
        }
        return text.toString();
    }

    private static Set<String> normalised(Collection<String> tags) {
        TreeSet<String> names = new TreeSet<>();
        if (tags != null) {
            tags.stream().filter(t -> t != null && !t.isBlank()).map(Tag::normalise).forEach(names::add);
        }
        return Collections.unmodifiableSortedSet(names);
    }
}
