package io.tickengine.server;

import io.tickengine.core.source.PushTickSource;
import io.tickengine.server.config.InvalidConfigException;
import io.tickengine.server.config.ServerOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link TickServer.Builder#build()} refuses before anything starts. */
class TickServerBuilderTest {
    @Test
    void shouldRefuseSourcesOfItsOwnWithAuthenticationOff() {
        ServerOptions demo = ServerOptions.builder().port(0).build();
        assertThat(demo.demo()).isTrue();
        assertThatThrownBy(() -> TickServer.builder(demo).source(PushTickSource.create("replay")).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("JWT_HS256_SECRET:")
                .hasMessageContaining("only in demo mode");
        ServerOptions keyed = demo.mutate().apiKeys(List.of("dev-key")).build();
        assertThat(TickServer.builder(keyed).source(PushTickSource.create("replay")).build()).isNotNull();
    }
}
