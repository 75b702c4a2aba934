/**
 * Loopback doubles of Microsoft's identity services (Bot Framework metadata, Entra ID,
 * managed identity) for bot tests.
 */
package lux.teams.testsupport;
