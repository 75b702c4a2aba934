/** Streaming CSV import of contacts, with progress, cancellation and an error report. */
package lux.imports;
