/**
 * The LUX agent: a LangChain4j assistant over typed tools, or command mode when no model
 * is configured.
 */
package lux.agent;
