package io.tickengine.kite.ws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.TickMode;
import io.tickengine.kite.parse.KiteCommand;
import io.tickengine.kite.ws.KiteOptions;
import io.tickengine.kite.ws.TooManyInstrumentsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Subscription bookkeeping, credentials and handshake status reading. */
class ConnectionPartsTest {
    @Test
    void shouldEnforceTheInstrumentLimitAllOrNothing() {
        SubscriptionBook book = new SubscriptionBook(3000);
        book.subscribe(LongStream.rangeClosed(1, 2999).boxed().toList(), TickMode.LTP);
        book.subscribe(List.of(1L, 2L, 3000L), TickMode.FULL);

        assertThatThrownBy(() -> book.subscribe(List.of(5L, 3001L), TickMode.QUOTE))
                .isInstanceOf(TooManyInstrumentsException.class)
                .hasMessageContaining("3001").hasMessageContaining("limit is 3000");
        assertThat(book.size()).isEqualTo(3000);
        assertThat(book.snapshot()).containsEntry(5L, TickMode.LTP).containsEntry(1L, TickMode.FULL);
        assertThatThrownBy(() -> book.subscribe(List.of(0L), TickMode.LTP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.unsubscribe(List.of(1L << 32))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSendUnsubscribeThenSubscribeThenOneModePerGroup() {
        Map<Long, TickMode> applied = Map.of(1L, TickMode.LTP, 2L, TickMode.QUOTE, 3L, TickMode.FULL);
        Map<Long, TickMode> desired = Map.of(2L, TickMode.FULL, 3L, TickMode.FULL, 4L, TickMode.FULL, 5L, TickMode.LTP);

        List<KiteCommand> commands = SubscriptionDiff.between(applied, desired);

        assertThat(commands).containsExactly(KiteCommand.unsubscribe(List.of(1L)), KiteCommand.subscribe(List.of(4L, 5L)),
                KiteCommand.mode(TickMode.LTP, List.of(5L)), KiteCommand.mode(TickMode.FULL, List.of(2L, 4L)));
        assertThat(SubscriptionDiff.between(desired, desired)).isEmpty();
    }

    @Test
    void shouldResendEverythingInItsModeAfterAReconnect() {
        Map<Long, TickMode> desired = Map.of(7L, TickMode.QUOTE, 8L, TickMode.QUOTE, 9L, TickMode.FULL);

        assertThat(SubscriptionDiff.between(Map.of(), desired)).containsExactly(
                KiteCommand.subscribe(List.of(7L, 8L, 9L)), KiteCommand.mode(TickMode.QUOTE, List.of(7L, 8L)),
                KiteCommand.mode(TickMode.FULL, List.of(9L)));
    }

    @Test
    void shouldReadTheHandshakeStatusLine() {
        assertThat(HandshakeStatusDraft.statusOf(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"))).isEqualTo(403);
        assertThat(HandshakeStatusDraft.statusOf(ascii("HTTP/1.1 101 Switching Protocols\r\n"))).isEqualTo(101);
        assertThat(HandshakeStatusDraft.statusOf(ascii("HTTP/1.1 403 Forb"))).isZero();
        assertThat(HandshakeStatusDraft.statusOf(ascii("garbage\r\n"))).isZero();
    }

    @Test
    void shouldPutUrlEncodedCredentialsInTheQueryAndKeepThemOutOfLogs() {
        KiteOptions o = KiteOptions.builder().apiKey("k y").accessToken("t+o/k&n").build();

        assertThat(Credentials.uri(o)).hasToString("wss://ws.kite.trade?api_key=k%20y&access_token=t%2Bo%2Fk%26n");
        assertThat(Credentials.redact("GET /?access_token=t%2Bo%2Fk%26n or t+o/k&n", "t+o/k&n"))
                .isEqualTo("GET /?access_token=**** or ****");
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
