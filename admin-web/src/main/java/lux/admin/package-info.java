/**
 * The admin console under /admin and the security (login, sessions, CSRF, throttling) of
 * the whole web app.
 */
package lux.admin;
