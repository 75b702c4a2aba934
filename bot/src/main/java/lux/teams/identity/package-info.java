/**
 * The bot's Microsoft identity: outbound Bot Connector tokens for MultiTenant,
 * SingleTenant (secret or certificate) and UserAssignedMSI bots, and the inbound checks
 * the Bot Framework SDK 4.14.3 leaves out.
 */
package lux.teams.identity;
