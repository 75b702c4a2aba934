package lux.signup;

import lux.gdpr.PersonalDataHolder;
import org.springframework.stereotype.Component;

/**
 * Unconfirmed sign-ups hold an address, names and an IP: GDPR export shows them and
 * erasure deletes them.
 */
@Component
class PendingSignupPersonalData implements PersonalDataHolder {

    private final PendingSignups pending;

    PendingSignupPersonalData(PendingSignups pending) {
        this.pending = pending;
    }

    @Override
    public String name() {
        return "pendingSignups";
    }

    @Override
    public Object export(String email) {
        return pending.export(email);
    }

    @Override
    public int erase(String email) {
        return pending.erase(email);
    }

}
