package lux.delivery;

/**
 * A feature that narrows or labels a starting campaign's recipient rows right after they
 * are materialised (an A/B test keeps its test share and numbers the variants). Runs
 * after every materialisation of the campaign, so it must be safe to repeat, and
 * set-based: the audience may have a million rows.
 */
public interface AudienceShaping {

    void shape(long campaignId);

}
