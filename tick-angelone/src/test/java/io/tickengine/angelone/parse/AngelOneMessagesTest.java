package io.tickengine.angelone.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests, text frames and synthetic ids. */
class AngelOneMessagesTest {
    @Test
    void shouldWriteAndReadSubscribeRequests() {
        AngelOneRequest r = AngelOneRequest.of("abcde12345", AngelOneRequest.Action.SUBSCRIBE, AngelOneMode.QUOTE,
                Map.of(ExchangeType.NSE_CM, List.of("10626", "5290"), ExchangeType.MCX_FO, List.of("234230")));
        String json = r.toJson();
        assertThat(json).startsWith("{\"correlationID\":\"abcde12345\",\"action\":1,\"params\":{\"mode\":2,\"tokenList\":[")
                .contains("{\"exchangeType\":1,\"tokens\":[\"10626\",\"5290\"]}");
        AngelOneRequest back = AngelOneRequest.parse(json);
        assertThat(back.tokens()).isEqualTo(r.tokens());
        assertThat(back.action()).isEqualTo(AngelOneRequest.Action.SUBSCRIBE);
        assertThat(back.size()).isEqualTo(3);
    }

    @Test
    void shouldRejectMalformedRequests() {
        assertThatThrownBy(() -> AngelOneRequest.parse("{")).isInstanceOf(MalformedRequestException.class);
        assertThatThrownBy(() -> AngelOneRequest.parse("{\"action\":1,\"params\":{\"mode\":5,\"tokenList\":[]}}"))
                .hasMessageContaining("mode");
        assertThatThrownBy(() -> AngelOneRequest.parse("{\"action\":1,\"params\":{\"mode\":1,\"tokenList\":"
                + "[{\"exchangeType\":6,\"tokens\":[\"1\"]}]}}")).hasMessageContaining("exchangeType");
    }

    @Test
    void shouldClassifyTextFrames() {
        assertThat(AngelOneTextFrames.parse("a", "pong", 1).type()).isEqualTo("pong");
        assertThat(AngelOneTextFrames.parse("a", "{\"correlationID\":\"x\",\"errorCode\":\"E1002\",\"errorMessage\":\"limit\"}", 1)
                .type()).isEqualTo("error");
        assertThat(AngelOneTextFrames.errorCode("{\"errorCode\":\"E1001\"}")).isEqualTo("E1001");
        assertThat(AngelOneTextFrames.parse("a", "hello", 1).type()).isEqualTo("message");
    }

    @Test
    void shouldGiveStableDecodableSyntheticIds() {
        long id = AngelOneTokens.syntheticId(ExchangeType.NSE_FO, "35003");
        assertThat(id).isEqualTo((1L << 40) + (2L << 32) + 35003);
        assertThat(AngelOneTokens.exchangeTypeOf(id)).isEqualTo(ExchangeType.NSE_FO);
        assertThat(AngelOneTokens.brokerTokenOf(id)).isEqualTo("35003");
        long hashed = AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "NIFTY-X");
        assertThat(hashed).isGreaterThan(1L << 41).isEqualTo(AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "NIFTY-X"));
        assertThat(AngelOneTokens.exchangeTypeOf(hashed)).isNull();
        assertThat(AngelOneTokens.exchangeTypeOf(738561)).isNull();
        assertThat(AngelOneTokens.syntheticId(ExchangeType.NSE_CM, "0123")).isGreaterThan(1L << 41);
    }
}
