package dev.ticketing.contract;

/** The bytes on a subject do not make an event of that subject's type. */
public class MalformedEvent extends Exception {
    public MalformedEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
