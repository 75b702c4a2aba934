package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.shared.DuplicateException;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class ContactServiceTest {

    private static final Actor MARKETER = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    ContactService contacts;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    private ContactView add(String email, String... tags) {
        return contacts.create(new NewContact(email, null, null, null, Map.of(), Set.of(tags), null), MARKETER);
    }

    @Test
    void createsNormalisedContactWithTagsConsentAndAudit() {
        ContactView c = contacts.create(new NewContact(" Ada@Example.COM ", "Ada", "Lovelace", "Engines",
                Map.of("Favourite Colour", "blue"), Set.of("VIP", "newsletter"), null), MARKETER);

        assertThat(c.email()).isEqualTo("ada@example.com");
        assertThat(c.tags()).containsExactly("newsletter", "vip");
        assertThat(c.attributes()).containsEntry("favourite_colour", "blue");
        assertThat(c.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(c.consentSource()).isEqualTo("added by mia@lux.test via TEAMS");
        assertThat(c.consentAt()).isNotNull();
        assertThat(audit.forTarget("contact", c.id())).extracting(e -> e.getAction()).containsExactly("contact.create");
        assertThat(contacts.findByEmail("ADA@example.com")).map(ContactView::id).contains(c.id());
    }

    @Test
    void duplicateAddressIsRejectedCaseInsensitively() {
        add("ada@example.com");
        assertThatThrownBy(() -> add("ADA@Example.com")).isInstanceOf(DuplicateException.class)
            .hasMessage("A contact with the address ada@example.com already exists.");
    }

    @Test
    void invalidAddressIsRejectedWithTheAddress() {
        assertThatThrownBy(() -> add("not-an-address")).isInstanceOf(InvalidInputException.class)
            .hasMessage("\"not-an-address\" is not a valid email address.");
    }

    @Test
    void tooLongFieldIsRejectedNamingTheField() {
        assertThatThrownBy(() -> contacts
            .create(new NewContact("a@example.com", "x".repeat(101), null, null, null, null, null), MARKETER))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("firstName");
    }

    @Test
    void updateMergesAttributesAndRemovesNullOnes() {
        ContactView c = contacts.create(
                new NewContact("a@example.com", "A", null, null, Map.of("plan", "free", "city", "Oslo"), null, null),
                MARKETER);
        java.util.HashMap<String, String> changes = new java.util.HashMap<>();
        changes.put("plan", "gold");
        changes.put("city", null);
        ContactView updated = contacts.update(c.id(), new ContactChanges(null, "Smith", null, changes), MARKETER);
        assertThat(updated.attributes()).containsExactly(Map.entry("plan", "gold"));
        assertThat(updated.firstName()).isEqualTo("A");
        assertThat(updated.lastName()).isEqualTo("Smith");
    }

    @Test
    void bulkTagAndUntagCountOnlyRealChanges() {
        ContactView a = add("a@example.com", "vip");
        ContactView b = add("b@example.com");
        assertThat(contacts.tag(List.of(a.id(), b.id()), List.of("VIP", "webinar"), MARKETER)).isEqualTo(3);
        assertThat(contacts.get(b.id()).tags()).containsExactly("vip", "webinar");
        assertThat(contacts.untag(List.of(a.id(), b.id()), List.of("webinar"), MARKETER)).isEqualTo(2);
        assertThat(contacts.get(a.id()).tags()).containsExactly("vip");
        assertThatThrownBy(() -> contacts.untag(List.of(a.id()), List.of("nope"), MARKETER))
            .hasMessage("Unknown tag nope.");
        assertThatThrownBy(() -> contacts.tag(List.of(a.id(), 999_999L), List.of("vip"), MARKETER))
            .hasMessage("Contact 999999 does not exist.");
    }

    @Test
    void audienceCountsAnyAllAndExcludedTagsOverActiveContactsOnly() {
        add("a@example.com", "vip", "newsletter");
        add("b@example.com", "vip");
        add("c@example.com", "newsletter");
        add("d@example.com", "vip", "newsletter", "churned");
        ContactView e = add("e@example.com", "vip", "newsletter");
        contacts.changeStatus(e.id(), ContactStatus.UNSUBSCRIBED, MARKETER);
        add("f@example.com");

        assertThat(contacts.countAudience(AudienceFilter.everyone())).isEqualTo(5);
        assertThat(contacts.countAudience(AudienceFilter.anyOf("vip"))).isEqualTo(3);
        assertThat(contacts.countAudience(new AudienceFilter(Set.of("vip", "newsletter"), Set.of(), Set.of())))
            .isEqualTo(4);
        assertThat(contacts.countAudience(new AudienceFilter(Set.of(), Set.of("vip", "newsletter"), Set.of())))
            .isEqualTo(2);
        assertThat(contacts.countAudience(new AudienceFilter(Set.of(), Set.of("vip", "newsletter"), Set.of("churned"))))
            .isEqualTo(1);
        AudiencePreview preview = contacts.previewAudience(AudienceFilter.anyOf("vip"), 2);
        assertThat(preview.count()).isEqualTo(3);
        assertThat(preview.sample()).hasSize(2);
    }

    @Test
    void unknownTagInFilterIsNamedWithTheExistingOnes() {
        add("a@example.com", "vip");
        assertThatThrownBy(() -> contacts.countAudience(AudienceFilter.anyOf("vpi")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("Unknown tag vpi. Existing tags: vip.");
    }

    @Test
    void searchFindsByTextTagsAndStatusWithPaging() {
        contacts.create(new NewContact("ada@example.com", "Ada", "Lovelace", "Engines", null, Set.of("vip"), null),
                MARKETER);
        contacts.create(new NewContact("grace@navy.mil", "Grace", "Hopper", "US Navy", null, Set.of("vip"), null),
                MARKETER);
        contacts.create(new NewContact("alan@example.com", "Alan", "Turing", "Bletchley", null, null, null), MARKETER);

        assertThat(contacts.search(new ContactQuery("LOVE", null, null), PageRequest.of(0, 10)).map(ContactView::email))
            .containsExactly("ada@example.com");
        assertThat(contacts.search(new ContactQuery("example", null, null), PageRequest.of(0, 10)).getTotalElements())
            .isEqualTo(2);
        org.springframework.data.domain.Page<ContactView> page = contacts
            .search(new ContactQuery(null, AudienceFilter.anyOf("vip"), ContactStatus.ACTIVE), PageRequest.of(0, 1));
        assertThat(page.getTotalElements()).isEqualTo(2);
        assertThat(page.getContent()).hasSize(1);
        assertThat(contacts.search(new ContactQuery("100%_", null, null), PageRequest.of(0, 10))).isEmpty();
        assertThat(contacts.tags()).containsExactly(new TagCount("vip", 2));
    }

    @Test
    void deleteRemovesTheContactAndItsTagLinks() {
        ContactView a = add("a@example.com", "vip");
        contacts.delete(a.id(), MARKETER);
        assertThat(contacts.findByEmail("a@example.com")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag", Integer.class)).isZero();
        assertThat(contacts.tags()).containsExactly(new TagCount("vip", 0));
    }

}
