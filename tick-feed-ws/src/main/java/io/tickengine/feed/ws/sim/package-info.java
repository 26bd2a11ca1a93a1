/**
 * Support for the local feed simulators: a loopback WebSocket server that refuses handshakes with a real
 * HTTP status, tracks its sessions and offers the fault-injection primitives the feeds' tests use.
 */
package io.tickengine.feed.ws.sim;
