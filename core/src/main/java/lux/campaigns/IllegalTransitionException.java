package lux.campaigns;

import java.util.stream.Collectors;
import lux.shared.ConflictException;

/**
 * A status change the lifecycle forbids; says where the campaign is and what it could do
 * instead.
 */
public class IllegalTransitionException extends ConflictException {

    private final CampaignStatus current;

    private final CampaignStatus requested;

    public IllegalTransitionException(String campaign, CampaignStatus current, CampaignStatus requested) {
        super("Campaign \"" + campaign + "\" is " + current.label() + " and cannot become " + requested.label() + "."
                + (current.isFinal() ? " It is finished." : " From " + current.label() + " it can become: "
                        + current.next().stream().map(CampaignStatus::label).sorted().collect(Collectors.joining(", "))
                        + "."));
        this.current = current;
        this.requested = requested;
    }

    public CampaignStatus current() {
        return current;
    }

    public CampaignStatus requested() {
        return requested;
    }

}
