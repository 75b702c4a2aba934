/** Contacts, tags and audience filters: who LUX can mail. */
package lux.contacts;
