package lux.agent.tools;

/**
 * A Confirm card for {@code campaignName} that {@code userId} held was withdrawn because
 * {@code what} (a change after it was made).
 */
public record ConfirmationWithdrawn(long userId, long campaignId, String campaignName, String what) {
}
