/** Numbers measured by code for the agent: audience analysis, content checks and campaign stats. */
package lux.agent.insights;
