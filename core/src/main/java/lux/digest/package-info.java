/**
 * The digest people get in Teams: how often each user wants it, and the account's numbers
 * for a period against the period before.
 */
package lux.digest;
