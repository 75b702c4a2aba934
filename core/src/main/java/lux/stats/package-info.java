/** Campaign, contact and cross-campaign engagement numbers, read from counters and rollups (never event scans). */
package lux.stats;
