package ru.coalition.analytics;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The analytics pages' CSV downloads, as spreadsheets in Russia open them: semicolons and a BOM. */
final class CsvDownload {

    /** Rows to print. */
    interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private CsvDownload() {
    }

    /** A download named {@code file}.csv with the header and the rows. */
    static Response of(String file, String[] header, Rows rows) {
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader(header).get().print(w)) {
                rows.print(csv);
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").build();
    }
}
