package io.tickengine.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptCallTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> text(byte[][] arrays) {
        return Arrays.stream(arrays).map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldLayOutKeysAndArgumentsAsTheScriptReadsThem() {
        ScriptCall call = new ScriptCall();
        int a = call.historyKey(b("ticks:A"));
        int c = call.historyKey(b("ticks:C"));
        call.expire(c);
        call.entry(a, b("10-1"), b("f1"));
        call.entry(c, b("10-2"), b("f2"));
        call.entry(a, b("11-3"), b("f3"));
        call.latest(b("tick:latest:1"), b("l1"));
        call.publish(b("ticks:1"), b("p1"));

        assertThat(text(call.keys())).containsExactly("ticks:A", "ticks:C", "tick:latest:1");
        assertThat(text(call.args(b("172800"), b("86400000"), false))).containsExactly(
                "2", "172800", "86400000", "2", "s", "1", "2",
                "1", "2", "10-1", "f1", "11-3", "f3",
                "2", "1", "10-2", "f2",
                "l1", "1", "ticks:1", "p1");
    }

    @Test
    void shouldStartEmptyAfterReset() {
        ScriptCall call = new ScriptCall();
        call.entry(call.historyKey(b("k")), b("1-1"), b("v"));
        call.reset();

        assertThat(call.isEmpty()).isTrue();
        call.entry(call.historyKey(b("j")), b("2-1"), b("w"));
        assertThat(text(call.args(b("1"), b("1"), true))).containsExactly("1", "1", "1", "1", "l", "0", "1", "1",
                "2-1", "w", "0");
        assertThat(TickScript.SHA).hasSize(40);
    }
}
