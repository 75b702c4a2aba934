/** The outbox transport: messages stored in the database instead of sent, and their read side for the console. */
package lux.delivery.outbox;
