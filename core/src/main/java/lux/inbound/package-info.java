/**
 * Mail read back from the sender mailboxes (bounces, auto-replies, unsubscribes by mail,
 * human replies) and what LUX does about it.
 */
package lux.inbound;
