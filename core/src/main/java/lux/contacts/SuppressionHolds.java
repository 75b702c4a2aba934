package lux.contacts;

import lux.audit.Actor;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.stereotype.Component;

/**
 * Keeps a contact's hold status and the suppression list in step, and decides who may
 * lift a hold: a person asked not to be mailed (or their mailbox refused), so only an
 * enabled admin may undo that, and must say why.
 */
@Component
class SuppressionHolds {

    private final SuppressionService suppressions;

    private final UserService users;

    SuppressionHolds(SuppressionService suppressions, UserService users) {
        this.suppressions = suppressions;
        this.users = users;
    }

    void requireMayRelease(String email, ContactStatus from, String reason, Actor actor) {
        boolean admin = actor.userId() != null
                && users.find(actor.userId()).filter(User::isEnabled).map(u -> u.getRole() == Role.ADMIN).orElse(false);
        if (!admin) {
            throw new ForbiddenException(email + " is " + from + ": only an admin can take a contact off that hold. "
                    + "Ask an admin, who must give the reason (for example the person's written consent).");
        }
        if (reason == null) {
            throw new InvalidInputException("reason", email + " is " + from + ": say why it may be mailed again "
                    + "(for example \"re-subscribed by email on 2026-11-30\"); the reason is kept in the audit log.");
        }
    }

    void hold(String email, ContactStatus status, String reason, Actor actor) {
        suppressions.suppressAddress(email, SuppressionReason.valueOf(status.name()),
                "status set to " + status + " by hand" + (reason == null ? "" : ": " + reason), actor);
    }

    void release(String email, ContactStatus from, String reason, Actor actor) {
        suppressions.releaseAddress(email, "status " + from + " lifted: " + reason, actor);
    }

}
