/**
 * Journeys (automations): a trigger enrols contacts, then each contact goes through
 * numbered steps (send, wait, branch, tag, end) exactly once, claimed like delivery's
 * recipients.
 */
package lux.journeys;
