/**
 * GDPR requests about one address: export everything LUX holds, or erase it and keep only
 * a hashed suppression.
 */
package lux.gdpr;
