package io.tickengine.core.store;

import io.tickengine.core.Exchange;
import io.tickengine.core.Tick;
import java.util.List;
import java.util.OptionalLong;

/**
 * Queries over stored ticks (seed 000's repository). A tick's time is its event time: the exchange
 * timestamp when present, else the receive time. Results are ordered by time, then ingest sequence,
 * and hold at most {@code limit} ticks. Implementations are thread-safe.
 */
public interface TickHistory {
    /** Ticks of one instrument by exchange and trading symbol. */
    List<Tick> ticksBySymbol(Exchange exchange, String tradingSymbol, TimeRange range, int limit);

    /** Ticks of one instrument by token. */
    List<Tick> ticksByToken(long instrumentToken, TimeRange range, int limit);

    /** Ticks of every instrument of one exchange. */
    List<Tick> ticksByExchange(Exchange exchange, TimeRange range, int limit);

    /** Ticks of every instrument. */
    List<Tick> ticks(TimeRange range, int limit);

    /** Time of the last stored tick of an instrument, for restart recovery; empty when none. */
    OptionalLong lastTickTime(long instrumentToken);
}
