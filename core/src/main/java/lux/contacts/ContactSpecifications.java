package lux.contacts;

import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/**
 * Criteria for contact searches and audiences; tag conditions are EXISTS subqueries so no
 * row is duplicated.
 */
final class ContactSpecifications {

    private ContactSpecifications() {
    }

    static Specification<Contact> matching(ContactQuery query, TagIds tagIds) {
        Specification<Contact> spec = (root, q, cb) -> cb.conjunction();
        if (query.status() != null) {
            spec = spec.and(hasStatus(query.status()));
        }
        if (query.text() != null) {
            spec = spec.and(containsText(query.text()));
        }
        if (!tagIds.anyOf().isEmpty()) {
            spec = spec.and(hasAnyTag(tagIds.anyOf()));
        }
        for (Long tagId : tagIds.allOf()) {
            spec = spec.and(hasAnyTag(List.of(tagId)));
        }
        if (!tagIds.excluded().isEmpty()) {
            spec = spec.and(Specification.not(hasAnyTag(tagIds.excluded())));
        }
        return spec;
    }

    static Specification<Contact> hasStatus(ContactStatus status) {
        return (root, q, cb) -> cb.equal(root.get("status"), status);
    }

    static Specification<Contact> containsText(String text) {
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        return (root, q, cb) -> cb.or(cb.like(root.get("email"), like, '\\'),
                cb.like(cb.lower(root.get("firstName")), like, '\\'),
                cb.like(cb.lower(root.get("lastName")), like, '\\'),
                cb.like(cb.lower(root.get("company")), like, '\\'));
    }

    static Specification<Contact> hasAnyTag(Collection<Long> tagIds) {
        return (root, q, cb) -> {
            Subquery<Long> sub = q.subquery(Long.class);
            Root<Contact> tagged = sub.from(Contact.class);
            Join<Contact, Tag> tag = tagged.join("tags");
            sub.select(tagged.get("id")).where(cb.equal(tagged.get("id"), root.get("id")), tag.get("id").in(tagIds));
            return cb.exists(sub);
        };
    }

    /** Tag names of a filter resolved to ids. */
    record TagIds(Collection<Long> anyOf, Collection<Long> allOf, Collection<Long> excluded) {
    }

}
