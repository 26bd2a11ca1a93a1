package io.tickengine.angelone.parse;

import io.tickengine.core.Depth;
import io.tickengine.core.Tick;
import io.tickengine.core.instrument.Instrument;
import io.tickengine.core.instrument.InstrumentAliases;
import io.tickengine.core.instrument.InstrumentRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Angel One binary packets, one per WebSocket frame. {@link #view} checks a packet and returns a
 * reused {@link AngelOnePacketView} that reads in place; {@link #parse} builds one immutable {@link Tick}
 * from that view. Tokens map to instrument ids through the registry's {@code angelone:<exch_seg>} aliases,
 * falling back to {@link AngelOneTokens#syntheticId}. One instance serves one thread (one per connection).
 */
public final class AngelOnePacketParser {
    private static final Logger LOG = LoggerFactory.getLogger(AngelOnePacketParser.class);
    private static final int MAX_DEPTH_LEVELS = 20;

    private final AngelOneParserOptions options;
    private final InstrumentRegistry registry;
    private final InstrumentAliases[] aliases = new InstrumentAliases[ExchangeType.CDE_FO.code() + 1];
    private final AngelOnePacketView view = new AngelOnePacketView();
    private final Tick.Builder tick = Tick.builder();
    private final Depth.Builder depth = Depth.builder(MAX_DEPTH_LEVELS);
    private long skippedPackets;
    private boolean loggedSkip;

    /** A parser with the given options. */
    public AngelOnePacketParser(AngelOneParserOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.registry = options.instruments();
        for (ExchangeType t : ExchangeType.values()) {
            aliases[t.code()] = registry.aliases(t.namespace());
        }
    }

    /** Packets skipped so far because their exchange type is unknown. */
    public long skippedPackets() {
        return skippedPackets;
    }

    /**
     * Checks the packet between the buffer's position and limit and points the reused view at it; the
     * buffer's position does not move. The view is valid until the next call.
     *
     * @return the view, or null when the packet's exchange type is unknown (skipped and counted)
     * @throws MalformedPacketException when the mode is unknown or the length does not match the mode
     */
    public AngelOnePacketView view(ByteBuffer packet) {
        Objects.requireNonNull(packet, "packet");
        int size = packet.remaining();
        if (size < 2) {
            throw new MalformedPacketException("packet too short to carry a mode and an exchange type", packet);
        }
        int at = packet.position();
        AngelOneMode mode = AngelOneMode.ofCode(Byte.toUnsignedInt(packet.get(at)));
        if (mode == null) {
            throw new MalformedPacketException("unknown subscription mode " + Byte.toUnsignedInt(packet.get(at)), packet);
        }
        if (size != mode.packetLength()) {
            String unverified = mode == AngelOneMode.DEPTH_20 ? " (the Depth-20 layout is unverified)" : "";
            throw new MalformedPacketException(mode + " packet must be " + mode.packetLength() + " bytes, was "
                    + size + unverified, packet);
        }
        int typeCode = Byte.toUnsignedInt(packet.get(at + 1));
        ExchangeType type = ExchangeType.ofCode(typeCode);
        if (type == null) {
            skip(typeCode);
            return null;
        }
        ByteBuffer le = packet.order() == ByteOrder.LITTLE_ENDIAN ? packet : packet.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.wrap(le, at, mode, type, options.priceScale(type));
        return view;
    }

    /**
     * Decodes one packet into a tick; the buffer's position does not move.
     *
     * @return the tick, or null when the packet's exchange type is unknown (skipped and counted)
     * @throws MalformedPacketException when the mode is unknown or the length does not match the mode
     */
    public Tick parse(ByteBuffer packet) {
        long receivedAt = options.clock().millis();
        AngelOnePacketView p = view(packet);
        return p == null ? null : toTick(p, receivedAt);
    }

    /** The instrument id of a token: its alias in the registry, else its synthetic id. */
    public long instrumentToken(ExchangeType type, String brokerToken) {
        long id = aliases[type.code()].resolve(brokerToken);
        return id != InstrumentAliases.NO_TOKEN ? id : AngelOneTokens.syntheticId(type, brokerToken);
    }

    /** Builds a tick from the packet the view points at, stamped as received at {@code receivedAt}. */
    public Tick toTick(AngelOnePacketView p, long receivedAt) {
        long id = instrumentToken(p.exchangeType(), p.token());
        Instrument instrument = registry.findByToken(id);
        AngelOneMode mode = p.mode();
        tick.reset()
                .instrumentToken(id)
                .exchange(p.exchangeType().exchange())
                .tradingSymbol(instrument == null ? null : instrument.tradingSymbol())
                .tradable(instrument == null || instrument.tradable())
                .priceScale(p.priceScale())
                .receiveTimestamp(receivedAt)
                .mode(mode.tickMode())
                .feedSequence(p.sequenceNumber())
                .exchangeTimestamp(p.exchangeTimestamp())
                .lastPrice(p.lastPrice());
        if (mode == AngelOneMode.QUOTE || mode == AngelOneMode.SNAP_QUOTE) {
            tick.lastQuantity(p.lastQuantity())
                    .averagePrice(p.averagePrice())
                    .volume(p.volume())
                    .totalBuyQuantity(p.totalBuyQuantity())
                    .totalSellQuantity(p.totalSellQuantity())
                    .open(p.open()).high(p.high()).low(p.low()).close(p.close());
        }
        if (mode == AngelOneMode.SNAP_QUOTE) {
            tick.lastTradeTime(p.lastTradeTime())
                    .openInterest(p.openInterest())
                    .openInterestChangePercent(p.openInterestChangePercent())
                    .upperCircuit(p.upperCircuit())
                    .lowerCircuit(p.lowerCircuit())
                    .week52High(p.week52High())
                    .week52Low(p.week52Low());
        }
        if (mode == AngelOneMode.SNAP_QUOTE || mode == AngelOneMode.DEPTH_20) {
            tick.depth(depthOf(p));
        }
        if (options.keepRawPackets()) {
            tick.rawPacket(p.copyBytes());
        }
        return tick.build();
    }

    private Depth depthOf(AngelOnePacketView p) {
        depth.clear();
        for (int level = 0; level < p.bidLevels(); level++) {
            depth.bid(p.bidPrice(level), p.bidQuantity(level), p.bidOrders(level));
        }
        for (int level = 0; level < p.askLevels(); level++) {
            depth.ask(p.askPrice(level), p.askQuantity(level), p.askOrders(level));
        }
        return depth.build();
    }

    private void skip(int typeCode) {
        skippedPackets++;
        if (!loggedSkip) {
            loggedSkip = true;
            LOG.info("Skipping Angel One packet of unknown exchange type {} (logged once per parser)", typeCode);
        }
    }
}
