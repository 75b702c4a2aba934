/**
 * The outbox transport: messages stored in the database instead of sent, and their read
 * side for the console.
 */
@NamedInterface("outbox") // the console reads the outbox
package lux.delivery.outbox;

import org.springframework.modulith.NamedInterface;
