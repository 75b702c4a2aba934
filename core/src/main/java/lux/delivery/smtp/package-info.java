/** The SMTP transport (Spring Mail / Jakarta Mail) for teams without Microsoft 365. */
package lux.delivery.smtp;
