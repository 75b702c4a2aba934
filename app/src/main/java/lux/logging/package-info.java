/**
 * Logging that attackers cannot forge: one event is one line, whatever text it carries.
 */
package lux.logging;
