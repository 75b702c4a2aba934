/** Campaigns: a template sent to an audience, with a status lifecycle and recipients. */
package lux.campaigns;
