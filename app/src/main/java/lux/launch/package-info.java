/** Start-up guards: the production profile refuses to start until every real account and secret is configured. */
package lux.launch;
