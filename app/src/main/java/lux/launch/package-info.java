/**
 * Start-up guards (the production profile refuses to start until every real account and
 * secret is configured) and the launcher's own route, health.
 */
package lux.launch;
