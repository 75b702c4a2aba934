package lux.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.Query;

/**
 * What every start would pay for, kept out (docs/benchmarks.md "Start-up").
 */
class StartUpCostsTest {

    private static final JavaClasses LUX = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("lux");

    /**
     * A JPQL {@code @Query} is parsed when its repository is made, by Spring Data's and
     * Hibernate's ANTLR grammars: LUX's four cost over a second of every start. Derived
     * queries, SQL ({@code nativeQuery = true}) and JdbcTemplate need neither grammar.
     */
    @Test
    void repositoryQueriesAreSqlNotJpql() {
        methods().that()
            .areAnnotatedWith(Query.class)
            .should(new ArchCondition<JavaMethod>("declare nativeQuery = true") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean sql = method.getAnnotationOfType(Query.class).nativeQuery();
                    events.add(new SimpleConditionEvent(method, sql,
                            method.getFullName() + " declares a JPQL @Query; write it as SQL or a derived query"));
                }
            })
            .allowEmptyShould(true)
            .check(LUX);
    }

}
