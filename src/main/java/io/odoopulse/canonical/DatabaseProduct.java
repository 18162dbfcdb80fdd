package io.odoopulse.canonical;

import java.sql.Connection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's database product ("H2", "PostgreSQL"), asked of the database once: the store and the idempotent
 * repository each phrase a statement the way that database looks it up by its key.
 */
final class DatabaseProduct {

    private final JdbcTemplate jdbc;
    private volatile String name;

    DatabaseProduct(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean is(String product) {
        if (name == null) {
            name = jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName());
        }
        return product.equals(name);
    }
}
