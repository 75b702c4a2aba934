package lux.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the PostgreSQL run, skips database tests with a clear reason when no server answers,
 * unless {@code LUX_TEST_POSTGRES=required} (set by .ci/run), in which case an
 * unreachable server fails them.
 */
public final class PostgresAvailability implements ExecutionCondition {

    private static volatile String problem;

    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("testing against H2");
        }
        String skipReason = skipReason();
        return skipReason == null
                ? ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestDatabase.POSTGRES_URL)
                : ConditionEvaluationResult.disabled(skipReason);
    }

    /**
     * For a single test that needs PostgreSQL whatever the run: aborts (skips) or fails
     * by the same rule.
     */
    public static void assumeReachable() {
        String skipReason = skipReason();
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /**
     * Null when PostgreSQL answers; a reason to skip when it does not; throws when it is
     * required.
     */
    private static String skipReason() {
        String failure = check();
        if (failure == null) {
            return null;
        }
        if ("required".equalsIgnoreCase(System.getenv("LUX_TEST_POSTGRES"))) {
            throw new IllegalStateException("LUX_TEST_POSTGRES=required but PostgreSQL at " + TestDatabase.POSTGRES_URL
                    + " is unreachable: " + failure);
        }
        System.err
            .println("PostgreSQL tests skipped: " + TestDatabase.POSTGRES_URL + " is unreachable (" + failure + ")");
        return "PostgreSQL at " + TestDatabase.POSTGRES_URL + " is unreachable (" + failure
                + "); set LUX_TEST_POSTGRES=required to fail instead of skipping";
    }

    private static synchronized String check() {
        if (!checked) {
            try (Connection ignored = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                    TestDatabase.POSTGRES_PASSWORD)) {
                problem = null;
            }
            catch (SQLException e) {
                problem = e.getMessage();
            }
            checked = true;
        }
        return problem;
    }

}
