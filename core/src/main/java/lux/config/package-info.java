/** Core wiring: the clock, validated properties and the ShedLock provider. */
package lux.config;
