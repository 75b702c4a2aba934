/**
 * Public routes anyone with a mail may call: open pixel, click redirect, unsubscribe page
 * and RFC 8058 one-click.
 */
package lux.publicweb;
