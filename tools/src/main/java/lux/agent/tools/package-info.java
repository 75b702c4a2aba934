/** Typed tools: thin methods the model (and command mode) call, each delegating to a core service. */
package lux.agent.tools;
