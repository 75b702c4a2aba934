/**
 * Campaign, contact and cross-campaign engagement numbers, read from counters and rollups
 * (never event scans); the on-demand audience analysis
 * ({@link lux.stats.AudienceAnalyser}) alone reads the rows, when someone asks for it.
 */
package lux.stats;
