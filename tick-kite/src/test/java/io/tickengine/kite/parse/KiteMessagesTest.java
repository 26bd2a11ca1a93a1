package io.tickengine.kite.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickengine.core.TickMode;
import io.tickengine.core.source.SourceMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control messages to the server and text frames from it. */
class KiteMessagesTest {
    @Test
    void shouldRefuseTheOrderBookOnlyModeWhichKiteDoesNotHave() {
        for (TickMode mode : List.of(TickMode.LTP, TickMode.QUOTE, TickMode.FULL)) {
            assertThat(KiteCommand.kiteMode(mode)).isEqualTo(mode);
        }
        assertThatThrownBy(() -> KiteCommand.kiteMode(TickMode.DEPTH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DEPTH");
    }

    @Test
    void shouldWriteControlMessagesAsKiteExpectsThem() {
        assertThat(KiteCommand.subscribe(List.of(408065L, 884737L)).toJson())
                .isEqualTo("{\"a\":\"subscribe\",\"v\":[408065,884737]}");
        assertThat(KiteCommand.unsubscribe(List.of(408065L)).toJson()).isEqualTo("{\"a\":\"unsubscribe\",\"v\":[408065]}");
        assertThat(KiteCommand.mode(TickMode.FULL, List.of(408065L)).toJson())
                .isEqualTo("{\"a\":\"mode\",\"v\":[\"full\",[408065]]}");
    }

    @Test
    void shouldReadControlMessagesBack() {
        for (KiteCommand c : List.of(KiteCommand.subscribe(List.of(1L, 4294967295L)), KiteCommand.unsubscribe(List.of()),
                KiteCommand.mode(TickMode.LTP, List.of(5L)), KiteCommand.mode(TickMode.QUOTE, List.of(6L)))) {
            assertThat(KiteCommand.parse(c.toJson())).isEqualTo(c);
        }
    }

    @Test
    void shouldRefuseMalformedControlMessages() {
        for (String bad : List.of("nope", "[]", "{\"a\":\"dance\",\"v\":[]}", "{\"a\":\"subscribe\",\"v\":[\"x\"]}",
                "{\"a\":\"subscribe\",\"v\":[-1]}", "{\"a\":\"mode\",\"v\":[\"fast\",[1]]}", "{\"a\":\"mode\",\"v\":[1]}",
                "{\"a\":\"subscribe\",\"v\":[1.5]}", "{\"v\":[1]}")) {
            assertThatThrownBy(() -> KiteCommand.parse(bad)).as(bad).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void shouldReadServerTextFrames() {
        KiteTextFrameParser p = new KiteTextFrameParser("kite");

        SourceMessage order = p.parse("{\"type\":\"order\",\"data\":{\"order_id\":\"1\",\"status\":\"COMPLETE\"}}", 5);
        SourceMessage error = p.parse("{\"type\":\"error\",\"data\":\"max tokens\"}", 6);
        SourceMessage message = p.parse("{\"type\":\"message\",\"data\":\"hello\"}", 7);

        assertThat(order).isEqualTo(new SourceMessage("kite", "order", "{\"order_id\":\"1\",\"status\":\"COMPLETE\"}", 5));
        assertThat(error).isEqualTo(new SourceMessage("kite", "error", "max tokens", 6));
        assertThat(message.payload()).isEqualTo("hello");
        assertThat(p.malformedCount()).isZero();
    }

    @Test
    void shouldCountAndIgnoreMalformedText() {
        KiteTextFrameParser p = new KiteTextFrameParser("kite");

        assertThat(p.parse("{not json", 1)).isNull();
        assertThat(p.parse("[1,2]", 1)).isNull();
        assertThat(p.parse("{\"data\":\"no type\"}", 1)).isNull();

        assertThat(p.malformedCount()).isEqualTo(3);
    }
}
