/** Machinery of the SQLite store: schema migrations, batch writers, row codecs. Not for users. */
package io.tickengine.store.sqlite.internal;
