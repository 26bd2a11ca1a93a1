package io.tickengine.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives a test class its own PostgreSQL database, created before its
 * tests and dropped after them; nothing else on the server is touched. Register it as a static field:
 * {@code @RegisterExtension static PostgresDatabase db = new PostgresDatabase();}.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {
    private String name;
    private String jdbcUrl;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String admin = TestServices.adminJdbcUrl();
        name = "tick_test_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "") + '_' + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        jdbcUrl = withDatabase(admin, name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(TestServices.adminJdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this test's database, with the same credentials as the admin URL. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Opens a connection to this test's database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Replaces the database in a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getRawAuthority();
        String query = uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + authority + '/' + database + (query == null ? "" : '?' + query);
    }
}
