package lux.suppression;

public enum SuppressionReason {

    MANUAL, UNSUBSCRIBED, BOUNCED, COMPLAINED, ERASED

}
