/** Machinery shared by tickengine's own modules; not API, may change without notice. */
package io.tickengine.core.internal;
