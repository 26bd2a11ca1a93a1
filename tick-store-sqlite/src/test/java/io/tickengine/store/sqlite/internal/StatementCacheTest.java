package io.tickengine.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A read connection's statements are reused only once returned, stay bounded, and close with it. */
class StatementCacheTest {
    private static final String SQL = "SELECT ?";

    private Connection c;
    private final StatementCache cache = new StatementCache();

    @BeforeEach
    void connect() throws SQLException {
        c = DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @AfterEach
    void close() throws SQLException {
        cache.closeAll();
        c.close();
    }

    @Test
    void shouldHandOutAReturnedStatementAgainWithFreshParameters() throws SQLException {
        PreparedStatement first = cache.create(c, SQL, null);
        assertThat(select(first, 1)).isEqualTo(1);
        cache.close(c, SQL, first);

        PreparedStatement again = cache.create(c, SQL, null);
        assertThat(again).isSameAs(first);
        assertThat(select(again, 2)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void shouldPrepareAnotherWhileTheKeptOneIsInUseAndKeepOnlyOne() throws SQLException {
        PreparedStatement outer = cache.create(c, SQL, null);
        PreparedStatement inner = cache.create(c, SQL, null);
        assertThat(inner).isNotSameAs(outer);

        cache.close(c, SQL, inner);
        cache.close(c, SQL, outer);

        assertThat(cache.size()).isOne();
        assertThat(outer.isClosed()).isTrue();
        assertThat(inner.isClosed()).isFalse();
    }

    @Test
    void shouldCloseTheLeastRecentlyUsedBeyondTheBound() throws SQLException {
        List<PreparedStatement> statements = new ArrayList<>();
        for (int i = 0; i <= StatementCache.MAX_STATEMENTS; i++) {
            statements.add(cache.create(c, "SELECT " + i, null));
        }
        for (int i = 0; i <= StatementCache.MAX_STATEMENTS; i++) {
            cache.close(c, "SELECT " + i, statements.get(i));
        }

        assertThat(cache.size()).isEqualTo(StatementCache.MAX_STATEMENTS);
        assertThat(statements.get(0).isClosed()).isTrue();
        assertThat(statements.get(1).isClosed()).isFalse();
    }

    @Test
    void shouldCloseEveryKeptStatement() throws SQLException {
        PreparedStatement ps = cache.create(c, SQL, null);
        cache.close(c, SQL, ps);

        cache.closeAll();

        assertThat(ps.isClosed()).isTrue();
        assertThat(cache.size()).isZero();
    }

    private static int select(PreparedStatement ps, int value) throws SQLException {
        ps.setInt(1, value);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
