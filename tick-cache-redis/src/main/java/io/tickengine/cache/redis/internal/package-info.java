/** Machinery of the Redis cache: connections, pipelines, stream IDs, encodings. Not API. */
package io.tickengine.cache.redis.internal;
