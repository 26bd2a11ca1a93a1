/** The store's machinery: schema, COPY encoding, the write pipeline and spill files. Not API. */
package io.tickengine.store.timescale.internal;
