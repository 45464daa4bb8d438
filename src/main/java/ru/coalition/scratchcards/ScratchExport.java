package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.coalition.partners.Partner;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Messages;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Downloads of a READY batch's plain codes for the printer: CSV (serial, code, points, validUntil) and PDF sheets in
 * parts of {@link ScratchPdf#CARDS_PER_PART}. Each download is audited when it starts; the codes are read chunk by
 * chunk while the answer streams, so a million cards never sit in memory at once.
 */
@ApplicationScoped
public class ScratchExport {

    public static final String CSV = "text/csv";
    public static final String PDF = "application/pdf";

    @Inject
    ScratchBatches batches;

    @Inject
    CoalitionConfig config;

    public Response csv(Partner partner, UUID batchId) {
        ScratchBatch batch = batches.startExport(partner, batchId, "csv");
        List<Integer> chunks = batches.chunks(partner, batch);
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("serial", "code", "points", "validUntil").get().print(w)) {
                for (Integer first : chunks) {
                    var codes = batches.openChunk(partner, batch, first).orElse(null);
                    if (codes == null) {
                        break;
                    }
                    for (int i = 0; i < codes.codes().size(); i++) {
                        csv.printRecord(batch.serial(codes.firstSerial() + i), ScratchCode.grouped(codes.codes().get(i)),
                                batch.pointsPerCard(), batch.validUntil());
                    }
                }
            }
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(partner, batch, "csv") + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /** Part {@code part} (from 1) of the batch's sheets. */
    public Response pdf(Partner partner, UUID batchId, int part, Locale locale) {
        ScratchBatch batch = batches.startExport(partner, batchId, "pdf");
        int parts = parts(batch);
        int wanted = Math.max(1, Math.min(part, parts));
        int firstSerial = (wanted - 1) * ScratchPdf.CARDS_PER_PART + 1;
        int lastSerial = Math.min(batch.count(), wanted * ScratchPdf.CARDS_PER_PART);
        List<Integer> chunks = batches.chunks(partner, batch);
        ScratchPdf.Face face = new ScratchPdf.Face(partner.name, batch.pointsPerCard(), batch.validUntil(),
                config.publicUrl() + "/cabinet/code?c=", locale, Messages.scratch(locale));
        StreamingOutput body = out -> ScratchPdf.write(face, cards(partner, batch, chunks, firstSerial, lastSerial), out);
        String name = fileName(partner, batch, parts > 1 ? "part-" + wanted + ".pdf" : "pdf");
        return Response.ok(body, PDF)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }

    public static int parts(ScratchBatch batch) {
        return Math.max(1, (batch.count() + ScratchPdf.CARDS_PER_PART - 1) / ScratchPdf.CARDS_PER_PART);
    }

    private static String fileName(Partner partner, ScratchBatch batch, String ext) {
        return partner.slug + "-scratch-" + String.format("%04d", batch.batchNo()) + "." + ext;
    }

    /** The cards with serials in [first, last], opening only the chunks that hold them. */
    private Iterator<ScratchPdf.Card> cards(Partner partner, ScratchBatch batch, List<Integer> chunks, int first, int last) {
        List<Integer> needed = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            int chunkFirst = chunks.get(i);
            int chunkEnd = i + 1 < chunks.size() ? chunks.get(i + 1) - 1 : batch.count();
            if (chunkEnd >= first && chunkFirst <= last) {
                needed.add(chunkFirst);
            }
        }
        return new Iterator<>() {
            private final Iterator<Integer> next = needed.iterator();
            private ScratchBatches.Codes codes;
            private int index;
            private ScratchPdf.Card ahead = advance();

            private ScratchPdf.Card advance() {
                while (true) {
                    if (codes == null || index >= codes.codes().size()) {
                        if (!next.hasNext()) {
                            return null;
                        }
                        codes = batches.openChunk(partner, batch, next.next()).orElse(null);
                        if (codes == null) {
                            return null;
                        }
                        index = 0;
                    }
                    int serial = codes.firstSerial() + index;
                    String code = codes.codes().get(index++);
                    if (serial > last) {
                        return null;
                    }
                    if (serial >= first) {
                        return new ScratchPdf.Card(batch.serial(serial), code);
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public ScratchPdf.Card next() {
                if (ahead == null) {
                    throw new NoSuchElementException();
                }
                ScratchPdf.Card c = ahead;
                try {
                    ahead = advance();
                } catch (RuntimeException e) {
                    throw e instanceof UncheckedIOException ? e : new UncheckedIOException(new IOException(e));
                }
                return c;
            }
        };
    }
}
