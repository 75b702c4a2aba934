package lux.suppression;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface SuppressionRepository extends JpaRepository<Suppression, Long> {

    Optional<Suppression> findByKindAndValue(SuppressionKind kind, String value);

    boolean existsByKindAndValueIn(SuppressionKind kind, Collection<String> values);

    List<Suppression> findByKindAndValueIn(SuppressionKind kind, Collection<String> values);

    Page<Suppression> findAllByOrderByIdDesc(Pageable pageable);

}
