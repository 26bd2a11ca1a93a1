package io.tickengine.core.internal;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void shouldDropUserInfoAndQueryButKeepWhereTheUrlPoints() {
        assertThat(Redaction.url(URI.create("https://user:s3cret@files.example.test:8443/master.json?token=abc&day=1")))
                .isEqualTo("https://files.example.test:8443/master.json?***");
        assertThat(Redaction.url(URI.create("http://127.0.0.1/instruments"))).isEqualTo("http://127.0.0.1/instruments");
        assertThat(Redaction.url(URI.create("file:/data/master.csv"))).isEqualTo("file:/data/master.csv");
    }

    @Test
    void shouldMaskUserInfoAndQueryInTextThatMayHoldAUrl() {
        assertThat(Redaction.text("cannot fetch https://user:pw@host.example/m.json?token=abc: refused"))
                .isEqualTo("cannot fetch https://***@host.example/m.json?***");
        assertThat(Redaction.text("/data/instruments.csv")).isEqualTo("/data/instruments.csv");
        assertThat(Redaction.text(null)).isNull();
    }
}
