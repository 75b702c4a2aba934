package lux.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * Marks a Spring test that talks to the database. It runs twice in the build: on H2 in
 * the normal surefire run and on PostgreSQL in the "postgres-test" run (tag
 * {@code database}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(PostgresAvailability.class)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface DatabaseTest {

}
