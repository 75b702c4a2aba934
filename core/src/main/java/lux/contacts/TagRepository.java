package lux.contacts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TagRepository extends JpaRepository<Tag, Long> {

    Optional<Tag> findByName(String name);

    List<Tag> findByNameIn(Collection<String> names);

    @Query("select new lux.contacts.TagCount(t.name, count(c)) from Tag t left join Contact c on t member of c.tags "
            + "group by t.name order by t.name")
    List<TagCount> countContactsPerTag();

}
