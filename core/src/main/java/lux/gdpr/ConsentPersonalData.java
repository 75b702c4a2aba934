package lux.gdpr;

import lux.consent.ConsentLedger;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The consent ledger: its events are exported; erasure forgets their IP addresses and
 * keeps the events (hashed address only) as proof of consent. Here rather than in
 * consent, which GDPR records to.
 */
@Component
@Order(CoreSections.CONSENT_ORDER)
class ConsentPersonalData implements PersonalDataHolder {

    private final ConsentLedger ledger;

    ConsentPersonalData(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return CoreSections.CONSENT;
    }

    @Override
    public String erasedAs() {
        return "consent_event_ip";
    }

    @Override
    public Object export(String email) {
        return ledger.history(email)
            .stream()
            .map(e -> CoreSections.row("at", e.at().toString(), "kind", e.kind().name(), "channel", e.channel(),
                    "source", e.source(), "text", e.text(), "textSha256", e.textHash(), "ip", e.ip(), "actor",
                    e.actor()))
            .toList();
    }

    @Override
    public int erase(String email) {
        return ledger.forgetPersonalData(email);
    }

}
