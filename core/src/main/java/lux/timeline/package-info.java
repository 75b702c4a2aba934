/**
 * One contact's history as LUX saw it: added, consent, campaigns received, opens and
 * clicks, unsubscribes, bounces.
 */
package lux.timeline;
