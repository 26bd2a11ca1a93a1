package io.tickengine.kite.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.TickMode;
import io.tickengine.kite.pool.KitePoolOptions;
import io.tickengine.kite.ws.KiteTickSource;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Placement rules on sources that are never started (no network). */
class AssignmentsTest {
    final List<String> opened = new ArrayList<>();

    Assignments book(KitePoolOptions options) {
        return new Assignments(options, (account, index) -> {
            opened.add(account.id() + "#" + index);
            return KiteTickSource.create(options.connectionOptions(account, index));
        });
    }

    static List<Long> tokens(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> i << 8 | 1).boxed().toList();
    }

    static List<Integer> sizes(Assignments book) {
        return book.connections().stream().map(PoolConnection::size).toList();
    }

    static List<String> owners(Assignments book) {
        return book.connections().stream().map(PoolConnection::accountId).toList();
    }

    @Test
    void shouldPut7000InstrumentsOnThreeConnectionsOfOneKey() {
        Assignments book = book(KitePoolOptions.builder().account("a", "key-a", "token-a").build());

        book.subscribe(tokens(1, 7000), TickMode.LTP);

        assertThat(sizes(book)).containsExactly(3000, 3000, 1000);
        assertThat(opened).containsExactly("a#1", "a#2", "a#3");
        assertThat(book.connections().get(2).source().subscriptions()).hasSize(1000).containsValue(TickMode.LTP);
        assertThatThrownBy(() -> book.subscribe(tokens(7001, 9001), TickMode.LTP))
                .isInstanceOf(TooManyInstrumentsException.class).hasMessageContaining("room for 2000 more")
                .hasMessageContaining("9000 instruments on 1 live accounts");
        assertThat(book.desired()).hasSize(7000);
        book.subscribe(tokens(7001, 9000), TickMode.LTP);
        assertThat(sizes(book)).containsExactly(3000, 3000, 3000);
    }

    @Test
    void shouldFillOpenConnectionsFirstThenSpreadOverAccounts() {
        Assignments book = book(options(2, 100, "a", "b"));

        book.subscribe(tokens(1, 350), TickMode.QUOTE);

        assertThat(owners(book)).containsExactly("a", "a", "b", "b");
        assertThat(opened).containsExactly("a#1", "b#1", "a#2", "b#2");
        assertThat(book.capacity()).isEqualTo(400);
        book.subscribe(tokens(351, 360), TickMode.QUOTE);
        assertThat(opened).hasSize(4);
        assertThat(sizes(book)).containsExactly(100, 100, 100, 60);
    }

    @Test
    void shouldCloseEmptiedConnectionsAndSwitchModesInPlace() {
        Assignments book = book(options(3, 100, "a"));
        book.subscribe(tokens(1, 250), TickMode.LTP);

        book.subscribe(tokens(1, 5), TickMode.FULL);
        List<PoolConnection> emptied = book.unsubscribe(tokens(1, 100));

        assertThat(emptied).hasSize(1);
        assertThat(sizes(book)).containsExactly(100, 50);
        assertThat(book.desired()).hasSize(150).doesNotContainKey(1L << 8 | 1);
        book.subscribe(tokens(101, 101), TickMode.FULL);
        assertThat(book.connections().get(0).source().subscriptions()).containsEntry(101L << 8 | 1, TickMode.FULL);
    }

    @Test
    void shouldMoveARefusedAccountsInstrumentsAndParkWhatDoesNotFit() {
        Assignments book = book(options(1, 100, "a", "b", "c"));
        book.subscribe(tokens(1, 250), TickMode.QUOTE);
        assertThat(sizes(book)).containsExactly(100, 100, 50);

        List<PoolConnection> dropped = book.accountFailed(book.accounts().get(1));
        assertThat(dropped).hasSize(1);
        assertThat(owners(book)).containsExactly("a", "c");
        assertThat(sizes(book)).containsExactly(100, 100);
        assertThat(book.unassigned()).hasSize(50);
        assertThat(book.capacity()).isEqualTo(200);
        assertThat(book.accountFailed(book.accounts().get(1))).isEmpty();

        book.unsubscribe(tokens(1, 30));
        assertThat(book.unassigned()).hasSize(20);
        assertThat(sizes(book)).containsExactly(100, 100);
        assertThatThrownBy(() -> book.subscribe(tokens(900, 900), TickMode.QUOTE))
                .isInstanceOf(TooManyInstrumentsException.class).hasMessageContaining("20 waiting unassigned");
    }

    static KitePoolOptions options(int connections, int perConnection, String... accounts) {
        KitePoolOptions.Builder b = KitePoolOptions.builder().connectionsPerAccount(connections)
                .instrumentsPerConnection(perConnection);
        for (String a : accounts) {
            b.account(a, "key-" + a, "token-" + a);
        }
        return b.build();
    }
}
