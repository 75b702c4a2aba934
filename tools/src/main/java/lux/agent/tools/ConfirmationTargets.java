package lux.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lux.agent.ConfirmationKind;
import lux.shared.ConflictException;

/**
 * What a card about no campaign acts on (the contacts to delete, the journey to start),
 * kept as JSON in its confirmation row's {@code target}: written when the card is made,
 * read back when it is pressed, so what happens is what the card showed.
 */
final class ConfirmationTargets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfirmationTargets() {
    }

    /** {@code target} as the JSON the row keeps. */
    static String targetJson(Object target) {
        try {
            return JSON.writeValueAsString(target);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The target of a pressed card of {@code kind}; refuses a card of another kind (and
     * the spend rolls back).
     */
    static <T> T target(ConfirmationSpends.Pending row, Class<T> type, ConfirmationKind kind) {
        if (row.kind() != kind || row.target() == null) {
            throw new ConflictException("This card is not about " + about(kind) + ". Nothing was done.");
        }
        try {
            return JSON.readValue(row.target(), type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable confirmation target", e);
        }
    }

    private static String about(ConfirmationKind kind) {
        return switch (kind) {
            case DELETE_CONTACTS -> "deleting contacts";
            case CREATE_JOURNEY -> "a journey";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

}
