package io.tickengine.testkit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Finds the Redis and PostgreSQL servers integration tests run against, in this order: the
 * {@value #REDIS_ENV} / {@value #JDBC_ENV} environment variables; else a Testcontainers container when
 * a Docker engine is available; else the standard ports on localhost. Each is resolved once per JVM.
 */
public final class TestServices {
    /** Redis URI for tests, for example {@code redis://127.0.0.1:6379}. */
    public static final String REDIS_ENV = "TICK_TEST_REDIS_URL";
    /** Admin JDBC URL for tests, for example {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. */
    public static final String JDBC_ENV = "TICK_TEST_JDBC_URL";

    static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";
    static final String DEFAULT_JDBC = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);
    private static String redisUrl;
    private static String jdbcUrl;

    private TestServices() {
    }

    /** The Redis URI to test against. */
    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            redisUrl = resolve(REDIS_ENV, () -> {
                GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379)
                        .waitingFor(Wait.forListeningPort());
                redis.start();
                return "redis://" + redis.getHost() + ':' + redis.getMappedPort(6379);
            }, DEFAULT_REDIS);
        }
        return redisUrl;
    }

    /** The admin JDBC URL (a database the tests may create other databases from). */
    public static synchronized String adminJdbcUrl() {
        if (jdbcUrl == null) {
            jdbcUrl = resolve(JDBC_ENV, () -> {
                GenericContainer<?> pg = new GenericContainer<>("postgres:16-alpine").withExposedPorts(5432)
                        .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                        .waitingFor(Wait.forLogMessage(".*ready to accept connections.*\\n", 2)
                                .withStartupTimeout(Duration.ofMinutes(2)));
                pg.start();
                return "jdbc:postgresql://" + pg.getHost() + ':' + pg.getMappedPort(5432) + "/postgres?user=postgres";
            }, DEFAULT_JDBC);
        }
        return jdbcUrl;
    }

    private interface ContainerStarter {
        String start();
    }

    private static String resolve(String env, ContainerStarter container, String fallback) {
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (dockerAvailable()) {
            String url = container.start();
            LOG.info("{} not set; started a container at {}", env, url);
            return url;
        }
        LOG.info("{} not set and no Docker engine; using {}", env, fallback);
        return fallback;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
