/**
 * Test support shared by every module: database selection (H2 or PostgreSQL), cleaning,
 * clocks.
 */
package lux.testsupport;
