package org.vigil.nursecall;

/** What the sender reports about the link, for the people who must know that alerts are not reaching phones. */
interface DeliveryProblems {
    /** The receiver answered AE/AR (or CE/CR): this message will not be sent again. */
    void rejected(OutboxEntry entry, Ack ack);

    /** This message has waited longer than allowed; {@code error} is the last transport failure. */
    void offline(OutboxEntry entry, String error);

    /** A message was accepted: the link works. */
    void delivered(OutboxEntry entry);
}
