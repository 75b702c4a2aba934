package lux.journeys;

/** A journey runs or is paused; paused journeys still enrol, but nobody moves on. */
public enum JourneyStatus {

    ACTIVE, PAUSED;

    public String label() {
        return name().toLowerCase();
    }

}
