/**
 * A/B tests: a campaign's variants sent to a seeded random test share, the winner judged
 * by human engagement and sent to the rest of the audience, by LUX or by a person.
 */
package lux.abtests;
