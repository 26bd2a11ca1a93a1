/**
 * Test support shared by tickengine's modules: where the real Redis and PostgreSQL servers are, and
 * JUnit extensions that give each test class its own database or key prefix.
 */
package io.tickengine.testkit;
