package baseline;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.jpa.repository.JpaRepository;

/** A plain Spring Boot app (web, actuator, data-jpa, H2) with one entity: the start-up baseline for LUX. */
@SpringBootApplication
public class BaselineApplication {
    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    @Entity
    public static class Note {
        @Id
        @GeneratedValue
        Long id;
        String text;
    }

    public interface Notes extends JpaRepository<Note, Long> {
    }
}
