package lux.users;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByEmail(String email);

    Optional<User> findByAadObjectId(String aadObjectId);

    boolean existsByEmail(String email);

    boolean existsByRole(Role role);

    List<User> findAllByOrderByEmailAsc();

    Optional<User> findFirstByRoleAndEnabledTrueOrderByIdAsc(Role role);

}
