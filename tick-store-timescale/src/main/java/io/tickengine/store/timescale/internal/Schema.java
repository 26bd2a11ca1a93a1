package io.tickengine.store.timescale.internal;

import io.tickengine.store.timescale.TimescaleStoreOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database to the store's schema: Flyway's versioned migrations (history in
 * {@value #HISTORY_TABLE}, so an application's own Flyway history is untouched), then the TimescaleDB
 * layer. Safe to run twice and from several processes at once: Flyway serialises on a PostgreSQL
 * advisory lock, and so does the TimescaleDB step.
 */
public final class Schema {
    /** Flyway's history table for the store's migrations. */
    public static final String HISTORY_TABLE = "tickengine_schema_history";
    static final String LOCATION = "classpath:db/tickengine/timescale";
    private static final long LOCK_KEY = 0x7469636b_74736462L;
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private Schema() {
    }

    /**
     * Applies pending migrations and the TimescaleDB layer.
     *
     * @return whether TimescaleDB features are in use
     */
    public static boolean migrate(DataSource dataSource, TimescaleStoreOptions options) throws SQLException {
        MigrateResult result = Flyway.configure(Schema.class.getClassLoader()).dataSource(dataSource)
                .locations(LOCATION).table(HISTORY_TABLE).load().migrate();
        LOG.info("schema at version {} ({} migrations applied now)", result.targetSchemaVersion != null
                ? result.targetSchemaVersion : result.initialSchemaVersion, result.migrationsExecuted);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                return TimescaleSetup.apply(sql(c), options);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        }
    }

    private static TimescaleSetup.Sql sql(Connection c) {
        return new TimescaleSetup.Sql() {
            @Override
            public boolean exists(String query) throws SQLException {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                    return rs.next();
                }
            }

            @Override
            public void execute(String statement) throws SQLException {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
        };
    }
}
