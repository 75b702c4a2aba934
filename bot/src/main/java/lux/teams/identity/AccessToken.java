package lux.teams.identity;

import java.time.Instant;

/** A bearer token for the Bot Connector and when it stops working. */
record AccessToken(String value, Instant expiresOn) {
    @Override
    public String toString() {
        return "AccessToken[expiresOn=" + expiresOn + "]";
    }
}
