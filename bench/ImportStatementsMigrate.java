import org.flywaydb.core.Flyway;

/**
 * For bench/import-statements.sh: migrates one schema of the test database to a target
 * version (java -cp CLASSPATH bench/ImportStatementsMigrate.java SCHEMA TARGET).
 */
public class ImportStatementsMigrate {

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("LUX_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("LUX_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("LUX_TEST_POSTGRES_PASSWORD", "");
        var config = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
            .schemas(args[0]).defaultSchema(args[0]);
        if (args.length > 1 && !args[1].equals("latest")) {
            config.target(args[1]);
        }
        config.load().migrate();
    }

}
