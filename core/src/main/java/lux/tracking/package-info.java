/**
 * Tracked links, signed tokens, open/click/unsubscribe capture and machine-traffic rules
 * of sent mail.
 */
package lux.tracking;
