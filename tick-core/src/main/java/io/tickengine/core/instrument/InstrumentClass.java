package io.tickengine.core.instrument;

/** What kind of instrument something is, for filtering and routing. */
public enum InstrumentClass {
    /** An index such as NIFTY 50; not tradable. */
    INDEX,
    /** A cash-market equity (includes ETFs and other EQ series). */
    STOCK,
    /** A futures contract. */
    FUTURE,
    /** An options contract (CE or PE). */
    OPTION,
    /** Anything else. */
    OTHER
}
