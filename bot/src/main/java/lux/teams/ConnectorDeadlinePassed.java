package lux.teams;

/**
 * The Bot Connector calls of a turn outlasted {@code lux.teams.connector-deadline}:
 * retries stopped, or a call that did not answer was abandoned. An abandoned call's
 * outcome is unknown (Teams may have shown the message), so it is never sent again.
 */
class ConnectorDeadlinePassed extends RuntimeException {

    ConnectorDeadlinePassed(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code error} or one of its causes is a passed deadline. */
    static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectorDeadlinePassed) {
                return true;
            }
        }
        return false;
    }

}
