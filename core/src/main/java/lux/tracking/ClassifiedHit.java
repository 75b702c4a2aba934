package lux.tracking;

/**
 * One hit as it will be stored: {@code machineReason} says why it is machine traffic,
 * null for a person.
 */
record ClassifiedHit(Hit hit, String machineReason) {
    boolean human() {
        return machineReason == null;
    }
}
