package io.odoopulse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh, migrated database per call, as the application configures it: H2, or a schema of the local PostgreSQL. */
public final class TestDatabase {

    /** The local PostgreSQL test server (trust authentication). */
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    private TestDatabase() {
    }

    /**
     * A migrated database; closing it drops what it created. {@code url}, {@code user}: how another process (the
     * application in a JVM of its own) reaches it.
     */
    public record Handle(String kind, DataSource dataSource, JdbcTemplate jdbc, Runnable drop, String url,
                         String user) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    public static JdbcTemplate freshH2() {
        return h2().jdbc();
    }

    public static Handle h2() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL";
        DataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        migrate(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new Handle("h2", dataSource, jdbc, () -> jdbc.execute("SHUTDOWN"), url, "sa");
    }

    /** A new schema t_<random> on the local PostgreSQL; the calling test is skipped when the server is not there. */
    public static Handle postgres() {
        Assumptions.assumeTrue(postgresReachable(), "PostgreSQL not reachable at " + POSTGRES_URL);
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String url = POSTGRES_URL + "?currentSchema=" + schema;
        DataSource dataSource = new DriverManagerDataSource(url, POSTGRES_USER, "");
        migrate(dataSource);
        return new Handle("postgresql", dataSource, new JdbcTemplate(dataSource),
                () -> execute("DROP SCHEMA " + schema + " CASCADE"), url, POSTGRES_USER);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    private static boolean postgresReachable() {
        DriverManager.setLoginTimeout(2);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL + "?connectTimeout=2", POSTGRES_USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
