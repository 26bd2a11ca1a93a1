package io.tickengine.examples.client;

import io.tickengine.core.source.ReconnectPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Connects {@link TicksClient} to a running server and prints each tick's symbol and exact last price;
 * stop and restart the server to watch it reconnect and resubscribe. Usage:
 * {@code java -cp tick-examples/target/tick-examples.jar io.tickengine.examples.client.TicksClientExample
 * [ws://127.0.0.1:8080/ws/ticks] [TOKEN...]} (default: INFY and NIFTY 50), with {@code JWT} in the
 * environment when the server needs auth.
 */
public final class TicksClientExample {
    private TicksClientExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI uri = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:8080/ws/ticks");
        List<Long> tokens = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            tokens.add(Long.parseLong(args[i]));
        }
        if (tokens.isEmpty()) {
            tokens = List.of(408_065L, 256_265L);
        }
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(10)).jitter(0.2).build();
        CountDownLatch done = new CountDownLatch(1);
        TicksClient client = TicksClient.start(uri, System.getenv("JWT"), policy, new TicksClient.Listener() {
            @Override
            public void onTick(com.fasterxml.jackson.databind.JsonNode data) {
                System.out.println(data.path("tradingsymbol").asText() + " " + data.path("last_price").decimalValue()
                        .toPlainString());
            }

            @Override
            public void onConnected(String connectionId) {
                System.out.println("connected as " + connectionId);
            }

            @Override
            public void onDisconnected(int code, String reason, boolean willReconnect) {
                System.out.println("disconnected: " + code + " " + reason);
                if (!willReconnect) {
                    done.countDown();
                }
            }

            @Override
            public void onGaveUp(int attempts) {
                System.out.println("gave up after " + attempts + " attempts");
                done.countDown();
            }
        });
        client.subscribe(tokens);
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "ticks-client-shutdown"));
        done.await(Long.MAX_VALUE, TimeUnit.DAYS);
        client.close();
    }
}
