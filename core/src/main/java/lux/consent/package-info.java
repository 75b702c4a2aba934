/**
 * The consent ledger: an append-only record of every consent event (sign-up,
 * confirmation, import, unsubscribe, erasure).
 */
package lux.consent;
