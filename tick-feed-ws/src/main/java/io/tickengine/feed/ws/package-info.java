/**
 * Machinery shared by the broker WebSocket feeds (Kite, Angel One): a feed describes its protocol with
 * {@link io.tickengine.feed.ws.FeedProtocol} and the shared connection loop does the rest.
 */
package io.tickengine.feed.ws;
