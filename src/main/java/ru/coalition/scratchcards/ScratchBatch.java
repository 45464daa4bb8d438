package ru.coalition.scratchcards;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A batch of scratch cards as its partner, the portal and the API see it. */
@Schema(name = "ScratchBatch")
public record ScratchBatch(UUID batchId, @JsonIgnore @Schema(hidden = true) long id, @JsonIgnore @Schema(hidden = true) long partnerId, int batchNo,
                           Status status, int count, long pointsPerCard, LocalDate validUntil, String note, String orderedBy,
                           int generated, int redeemed, Instant createdAt, Instant readyAt, Instant activatedAt, Instant closedAt) {

    public enum Status {
        ORDERED, GENERATING, READY, ACTIVE, EXPIRED, CANCELLED;

        /** Cards are still being made: the page polls for progress. */
        public boolean inProgress() {
            return this == ORDERED || this == GENERATING;
        }
    }

    /** How far generation got, in whole percent. */
    public int percent() {
        return count == 0 ? 100 : (int) (100L * generated / count);
    }

    /** The serial printed on a card of this batch: the batch's number and the card's, e.g. 0007-0000123. */
    public String serial(int serialNo) {
        return serial(batchNo, serialNo);
    }

    public static String serial(int batchNo, int serialNo) {
        return String.format("%04d-%07d", batchNo, serialNo);
    }

    /** Plain codes can be downloaded (they are destroyed on activation). */
    public boolean downloadable() {
        return status == Status.READY;
    }

    public boolean activatable() {
        return status == Status.READY;
    }

    public boolean cancellable() {
        return status != Status.CANCELLED && status != Status.EXPIRED;
    }
}
