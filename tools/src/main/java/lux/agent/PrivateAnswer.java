package lux.agent;

/**
 * A tool result or a card only the person who asked reads: contacts, numbers, import
 * results. Asked in a channel or group chat, the bot answers it in the asker's personal
 * chat. Records say so by implementing this; nothing names tools by string.
 */
public interface PrivateAnswer {

}
