/**
 * Numbers measured by code for the agent: audience analysis, content checks and campaign
 * stats.
 */
@NamedInterface("insights") // the bot draws campaign stats as cards and charts
package lux.agent.insights;

import org.springframework.modulith.NamedInterface;
