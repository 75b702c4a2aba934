/**
 * The reader's preference centre behind the link in every mail: topics, pause, leaving,
 * their data and its erasure.
 */
package lux.preferences;
