package lux.api;

import java.util.List;
import lux.consent.ConsentEvent;
import lux.consent.ConsentLedger;
import lux.contacts.ContactService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A contact's consent ledger, oldest event first. */
@RestController
class ConsentApi {

    private final ContactService contacts;

    private final ConsentLedger ledger;

    ConsentApi(ContactService contacts, ConsentLedger ledger) {
        this.contacts = contacts;
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/contacts/{id}/consent")
    List<ConsentEvent> consent(@PathVariable long id) {
        return ledger.history(contacts.get(id).email());
    }

}
