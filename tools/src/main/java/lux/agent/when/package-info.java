/**
 * Reading send times as people and models write them (ISO 8601, English and German words,
 * local date order).
 */
package lux.agent.when;
