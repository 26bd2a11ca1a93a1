package io.tickengine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDatabaseIT {
    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @Test
    void shouldGiveEachTestClassItsOwnWritableDatabase() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id int primary key)");
            s.execute("INSERT INTO probe VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT current_database(), count(*) FROM probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(db.name()).startsWith("tick_test_postgresdatabaseit_");
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
        try (Connection admin = DriverManager.getConnection(TestServices.adminJdbcUrl());
             Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + db.name() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void shouldReplaceOnlyTheDatabaseInAJdbcUrl() {
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
        assertThat(PostgresDatabase.withDatabase("jdbc:postgresql://db.local/postgres", "y"))
                .isEqualTo("jdbc:postgresql://db.local/y");
    }
}
