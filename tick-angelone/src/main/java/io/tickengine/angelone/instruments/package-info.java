/**
 * Angel One's scrip master into the core instrument registry: instruments with ids and the
 * {@code angelone:<exch_seg>} token aliases ({@link io.tickengine.angelone.instruments.AngelOneScripMaster}).
 */
package io.tickengine.angelone.instruments;
