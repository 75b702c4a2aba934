/**
 * Streaming CSV import of contacts, with progress, cancellation and an error report; the
 * one safe way to download a file.
 */
package lux.imports;
