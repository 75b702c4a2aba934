/**
 * The Teams face of LUX: Bot Framework endpoint, identity, Adaptive Cards, charts and
 * proactive messages.
 */
package lux.teams;
