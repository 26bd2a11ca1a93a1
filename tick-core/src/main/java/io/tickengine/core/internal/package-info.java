/** Machinery shared inside tick-core; not API, may change without notice. */
package io.tickengine.core.internal;
