/** Tracked links and open/click/unsubscribe events of sent mail. */
package lux.tracking;
