package lux.templates;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface TemplateRepository extends JpaRepository<EmailTemplate, Long> {

    Optional<EmailTemplate> findByName(String name);

    boolean existsByName(String name);

    List<EmailTemplate> findAllByOrderByUpdatedAtDesc();

}
