/** Bookkeeping of the pool: accounts, their connections and which connection carries which instrument. */
package io.tickengine.kite.pool.internal;
