/**
 * The pre-flight check before a campaign is confirmed: blocking problems stop scheduling,
 * warnings are listed.
 */
package lux.preflight;
