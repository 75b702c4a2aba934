/**
 * Typed tools: thin methods the model (and command mode) call, each delegating to a core
 * service.
 */
@NamedInterface("tools") // the bot's Confirm card goes through the confirmation gate
package lux.agent.tools;

import org.springframework.modulith.NamedInterface;
