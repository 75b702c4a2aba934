/**
 * Delivery: the scheduler, audience materialisation, sending workers and the mail
 * transports.
 */
package lux.delivery;
