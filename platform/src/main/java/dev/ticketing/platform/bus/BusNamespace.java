package dev.ticketing.platform.bus;

import dev.ticketing.contract.Subject;

/**
 * Names on the NATS server. In production the prefix is empty and subjects are the contract's own
 * ({@code ticket.created}); a prefix puts a whole copy of the marketplace's subjects and streams
 * beside another on one server, which is how tests keep apart.
 *
 * @param prefix empty, or lower-case letters, digits, {@code -} and {@code _}
 */
public record BusNamespace(String prefix) {
    public static final BusNamespace PRODUCTION = new BusNamespace("");

    public BusNamespace {
        if (!prefix.isEmpty() && !prefix.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("bad namespace prefix: " + prefix);
        }
    }

    /** The NATS subject that carries {@code subject} in this namespace. */
    public String subject(Subject<?> subject) {
        return qualify(subject.name());
    }

    /** The contract's name of a NATS subject of this namespace. */
    public String contractName(String natsSubject) {
        return prefix.isEmpty() ? natsSubject : natsSubject.substring(prefix.length() + 1);
    }

    /** The stream that stores every event of the contract. */
    public String eventsStream() {
        return prefix.isEmpty() ? "TICKETING" : "TICKETING_" + prefix.toUpperCase().replace('-', '_');
    }

    /** The stream where events that could not be handled are set aside. */
    public String deadLetterStream() {
        return eventsStream() + "_DLQ";
    }

    /** All dead-letter subjects: {@code dlq.<service>.<contract subject>}. */
    public String deadLetterSubjects() {
        return qualify("dlq.>");
    }

    public String deadLetterSubject(String service, String contractSubject) {
        return qualify("dlq." + service + "." + contractSubject);
    }

    /** The durable consumer name of {@code service} on {@code subject}: one per service and subject. */
    public String durableName(String service, Subject<?> subject) {
        return service + "_" + subject.name().replace('.', '_');
    }

    private String qualify(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
