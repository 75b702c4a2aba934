/**
 * Command mode: deterministic commands ("contacts add a@b.c tag:vip") that call the same
 * tools without a model.
 */
package lux.agent.commands;
