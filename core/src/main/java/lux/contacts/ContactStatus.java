package lux.contacts;

/** Only ACTIVE contacts are mailed; the other states are final as far as imports are concerned. */
public enum ContactStatus {
    ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED
}
