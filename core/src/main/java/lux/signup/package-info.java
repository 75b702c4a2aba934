/**
 * Sign-up forms for websites: form definitions, anti-abuse checks, double opt-in
 * confirmation by mail.
 */
package lux.signup;
