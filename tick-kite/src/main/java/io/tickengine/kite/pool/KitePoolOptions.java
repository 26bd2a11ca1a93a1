package io.tickengine.kite.pool;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.source.ReconnectPolicy;
import io.tickengine.core.time.Clock;
import io.tickengine.feed.ws.OptionChecks;
import io.tickengine.kite.ws.KiteOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Immutable options of a {@link KiteTickSourcePool}: the accounts, how many connections each may open and
 * how many instruments each connection carries, and the settings every connection shares. Defaults are
 * Kite's limits (3 connections per api key, 3000 instruments per connection) and {@link KiteOptions}' own.
 */
public final class KitePoolOptions {
    /** The pool's name in logs and statuses; connections are named {@code name:account#n}. */
    public static final String DEFAULT_NAME = "kite-pool";
    /** Kite allows this many connections per api key. */
    public static final int MAX_CONNECTIONS_PER_ACCOUNT = 3;

    private final String name;
    private final List<KiteAccount> accounts;
    private final int connectionsPerAccount;
    private final int instrumentsPerConnection;
    private final URI url;
    private final Duration watchdogTimeout;
    private final ReconnectPolicy reconnectPolicy;
    private final boolean keepRawPackets;
    private final Clock clock;
    private final LongFunction<Instrument> instrumentLookup;

    private KitePoolOptions(Builder b) {
        this.name = b.name;
        this.accounts = List.copyOf(b.accounts);
        this.connectionsPerAccount = b.connectionsPerAccount;
        this.instrumentsPerConnection = b.instrumentsPerConnection;
        this.url = b.url;
        this.watchdogTimeout = b.watchdogTimeout;
        this.reconnectPolicy = b.reconnectPolicy;
        this.keepRawPackets = b.keepRawPackets;
        this.clock = b.clock;
        this.instrumentLookup = b.instrumentLookup;
    }

    /** A builder with the defaults; at least one account must be added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The pool's name. */
    public String name() {
        return name;
    }

    /** The accounts, in the order connections are opened on them. */
    public List<KiteAccount> accounts() {
        return accounts;
    }

    /** Connections each account may open, 1 to {@value #MAX_CONNECTIONS_PER_ACCOUNT}. */
    public int connectionsPerAccount() {
        return connectionsPerAccount;
    }

    /** Instruments each connection carries, 1 to {@value KiteOptions#MAX_INSTRUMENTS_PER_CONNECTION}. */
    public int instrumentsPerConnection() {
        return instrumentsPerConnection;
    }

    /**
     * The options of connection {@code index} of {@code account}, named {@code name:account#index}.
     *
     * @throws InvalidConfigurationException when a shared setting is out of range
     */
    public KiteOptions connectionOptions(KiteAccount account, int index) {
        return KiteOptions.builder().name(name + ':' + account.id() + '#' + index).url(url).apiKey(account.apiKey())
                .accessToken(account.accessToken()).watchdogTimeout(watchdogTimeout).reconnectPolicy(reconnectPolicy)
                .keepRawPackets(keepRawPackets).clock(clock).instrumentLookup(instrumentLookup)
                .maxInstruments(instrumentsPerConnection).build();
    }

    /** The clock every connection uses. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "KitePoolOptions{name=" + name + ", accounts=" + accounts + ", connectionsPerAccount="
                + connectionsPerAccount + ", instrumentsPerConnection=" + instrumentsPerConnection + '}';
    }

    /** Builds {@link KitePoolOptions}; not thread-safe. */
    public static final class Builder {
        private static final OptionChecks CHECK = OptionChecks.of("KitePoolOptions");

        private String name = DEFAULT_NAME;
        private final List<KiteAccount> accounts = new ArrayList<>();
        private int connectionsPerAccount = MAX_CONNECTIONS_PER_ACCOUNT;
        private int instrumentsPerConnection = KiteOptions.MAX_INSTRUMENTS_PER_CONNECTION;
        private URI url = KiteOptions.DEFAULT_URL;
        private Duration watchdogTimeout = KiteOptions.DEFAULT_WATCHDOG_TIMEOUT;
        private ReconnectPolicy reconnectPolicy = KiteOptions.DEFAULT_RECONNECT_POLICY;
        private boolean keepRawPackets;
        private Clock clock = Clock.system();
        private LongFunction<Instrument> instrumentLookup;

        private Builder() {
        }

        /** The pool's name in logs and statuses. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds an account; connections open on accounts in the order they were added. */
        public Builder account(KiteAccount account) {
            accounts.add(account);
            return this;
        }

        /** Adds an account by id, api key and access token. */
        public Builder account(String id, String apiKey, String accessToken) {
            return account(new KiteAccount(id, apiKey, accessToken));
        }

        /** Connections each account may open; Kite allows 3. */
        public Builder connectionsPerAccount(int connectionsPerAccount) {
            this.connectionsPerAccount = connectionsPerAccount;
            return this;
        }

        /** Instruments each connection carries; Kite allows 3000. */
        public Builder instrumentsPerConnection(int instrumentsPerConnection) {
            this.instrumentsPerConnection = instrumentsPerConnection;
            return this;
        }

        /** The WebSocket URL of every connection. */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** Silence after which a connection is closed and reopened. */
        public Builder watchdogTimeout(Duration watchdogTimeout) {
            this.watchdogTimeout = watchdogTimeout;
            return this;
        }

        /** When a connection retries after a loss. */
        public Builder reconnectPolicy(ReconnectPolicy reconnectPolicy) {
            this.reconnectPolicy = reconnectPolicy;
            return this;
        }

        /** Keeps each packet's bytes on its tick. */
        public Builder keepRawPackets(boolean keepRawPackets) {
            this.keepRawPackets = keepRawPackets;
            return this;
        }

        /** The clock that stamps receive times and statuses. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Token to instrument lookup for trading symbols and index exchanges; fast and thread-safe. */
        public Builder instrumentLookup(LongFunction<Instrument> instrumentLookup) {
            this.instrumentLookup = instrumentLookup;
            return this;
        }

        /**
         * The options; every connection's options are checked here too.
         *
         * @throws InvalidConfigurationException naming the first option that is missing or out of range
         */
        public KitePoolOptions build() {
            CHECK.require(name != null && !name.isBlank(), "name must not be blank");
            CHECK.require(!accounts.isEmpty(), "accounts: at least one account is required");
            Set<String> ids = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (KiteAccount a : accounts) {
                CHECK.require(a != null, "accounts must not contain null");
                CHECK.require(ids.add(a.id()), "accounts: id " + a.id() + " appears twice");
                CHECK.require(keys.add(a.apiKey()), "accounts: api key of " + a.id()
                        + " is used by another account; Kite's limits are per api key");
            }
            CHECK.require(connectionsPerAccount >= 1 && connectionsPerAccount <= MAX_CONNECTIONS_PER_ACCOUNT,
                    "connectionsPerAccount must be 1.." + MAX_CONNECTIONS_PER_ACCOUNT + ", was " + connectionsPerAccount);
            CHECK.require(instrumentsPerConnection >= 1
                    && instrumentsPerConnection <= KiteOptions.MAX_INSTRUMENTS_PER_CONNECTION,
                    "instrumentsPerConnection must be 1.." + KiteOptions.MAX_INSTRUMENTS_PER_CONNECTION + ", was "
                            + instrumentsPerConnection);
            KitePoolOptions options = new KitePoolOptions(this);
            options.connectionOptions(accounts.get(0), 1);
            return options;
        }
    }
}
