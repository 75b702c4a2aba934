package lux.segments;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SegmentRepository extends JpaRepository<Segment, Long> {

    Optional<Segment> findByNameIgnoreCase(String name);

    List<Segment> findAllByOrderByNameAsc();

}
