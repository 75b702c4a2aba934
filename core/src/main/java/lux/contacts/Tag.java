package lux.contacts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import lux.shared.InvalidInputException;

@Entity
@Table(name = "tag")
public class Tag {

    public static final int MAX_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private Instant createdAt;

    protected Tag() {
    }

    Tag(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    /** Tags are case-insensitive: "VIP" and "vip " are the same tag. */
    public static String normalise(String raw) {
        String name = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new InvalidInputException("tag", "A tag name cannot be empty.");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInputException("tag",
                    "The tag \"" + name + "\" is longer than " + MAX_LENGTH + " characters.");
        }
        return name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

}
