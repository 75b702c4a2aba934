/** Tests of the whole application's security: every module's chain in place at once. */
package lux.security;
