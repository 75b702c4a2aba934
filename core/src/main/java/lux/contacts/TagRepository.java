package lux.contacts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TagRepository extends JpaRepository<Tag, Long> {

    Optional<Tag> findByName(String name);

    List<Tag> findByNameIn(Collection<String> names);

    /**
     * SQL, not JPQL, here and in the other counting queries: see
     * CampaignRepository.countByStatus.
     */
    @Query(value = "select t.name as name, count(ct.contact_id) as contacts from tag t "
            + "left join contact_tag ct on ct.tag_id = t.id group by t.name order by t.name", nativeQuery = true)
    List<TagRow> countContactsPerTag();

    interface TagRow {

        String getName();

        long getContacts();

    }

}
