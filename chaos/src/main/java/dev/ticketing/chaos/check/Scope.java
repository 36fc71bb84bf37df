package dev.ticketing.chaos.check;

import dev.ticketing.chaos.bus.BusFaults.ForgedTicket;
import dev.ticketing.chaos.workload.Acknowledged;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario's checks look at: the rows created since it began (so that a fault in an earlier
 * scenario is not blamed on a later one), its acknowledged writes, and the bus-level fakes it sent.
 *
 * @param since               when the scenario began
 * @param eventsBefore        last sequence of the events stream when it began
 * @param deadLettersBefore   last sequence of the dead-letter stream when it began
 * @param acknowledged        the writes the marketplace acknowledged during the scenario
 * @param poisonIds           event ids of the poison messages the scenario sent
 * @param forged              the out-of-order ticket the scenario forged, if any
 */
public record Scope(Instant since, long eventsBefore, long deadLettersBefore, Acknowledged acknowledged,
                    List<String> poisonIds, Optional<ForgedTicket> forged) {
}
