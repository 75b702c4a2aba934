/**
 * Core wiring: the clock, validated properties, the ShedLock provider and where each
 * module's migrations live.
 */
package lux.config;
