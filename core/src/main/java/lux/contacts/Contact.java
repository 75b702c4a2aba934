package lux.contacts;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Entity
@Table(name = "contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String email;

    private String firstName;

    private String lastName;

    private String company;

    @Convert(converter = AttributesConverter.class)
    @Column(nullable = false)
    private Map<String, String> attributes = new LinkedHashMap<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContactStatus status = ContactStatus.ACTIVE;

    private String consentSource;

    private Instant consentAt;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @ManyToMany
    @JoinTable(name = "contact_tag", joinColumns = @JoinColumn(name = "contact_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new LinkedHashSet<>();

    protected Contact() {
    }

    Contact(String email, Instant now) {
        this.email = email;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getCompany() {
        return company;
    }

    public Map<String, String> getAttributes() {
        return Map.copyOf(attributes);
    }

    public ContactStatus getStatus() {
        return status;
    }

    public String getConsentSource() {
        return consentSource;
    }

    public Instant getConsentAt() {
        return consentAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<String> tagNames() {
        return tags.stream().map(Tag::getName).sorted(Comparator.naturalOrder()).toList();
    }

    Set<Tag> tags() {
        return tags;
    }

    void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    void setLastName(String lastName) {
        this.lastName = lastName;
    }

    void setCompany(String company) {
        this.company = company;
    }

    void setAttributes(Map<String, String> attributes) {
        this.attributes = new LinkedHashMap<>(attributes);
    }

    void setStatus(ContactStatus status) {
        this.status = status;
    }

    void setConsent(String source, Instant at) {
        this.consentSource = source;
        this.consentAt = at;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

}
