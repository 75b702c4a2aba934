package lux.audit;

/** Where an action came from. */
public enum Channel {

    TEAMS, CONSOLE, API, SCHEDULER, SYSTEM

}
