/**
 * Saved audiences (segments): tags plus typed conditions, turned into bound SQL for
 * counting, preview and sending.
 */
package lux.segments;
