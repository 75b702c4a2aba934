package lux.tracking;

/**
 * One hit as it will be stored: {@code machineReason} says why it is machine traffic,
 * null for a person; {@code storedFirsts}, which of its recipient's first-touch columns
 * were already set when the batch read them ({@link FirstTouches#stored}).
 */
record ClassifiedHit(Hit hit, String machineReason, int storedFirsts) {
    boolean human() {
        return machineReason == null;
    }
}
