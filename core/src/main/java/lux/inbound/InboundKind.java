package lux.inbound;

/** What a message in a sender mailbox is, as far as LUX cares. */
public enum InboundKind {

    /** A permanent delivery failure (DSN status 5.x.x, or an Exchange NDR saying so). */
    HARD_BOUNCE,
    /** A temporary failure or a delay warning (DSN status 4.x.x, Action: delayed). */
    SOFT_BOUNCE,
    /** Out of office and other machine replies (RFC 3834). */
    AUTO_REPLY,
    /** A mail to the List-Unsubscribe mailto: carrying an unsubscribe token. */
    UNSUBSCRIBE,
    /** A person answered a campaign. */
    REPLY,
    /** Anything else: left alone apart from being filed. */
    OTHER

}
