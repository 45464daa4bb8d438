package ru.coalition.scratchcards;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Card rows in PostgreSQL's binary COPY format (partner_id bigint, batch_id bigint, serial_no int, code_hash bytea):
 * nothing to print as text on our side and nothing to parse on the database's.
 */
public final class CopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int ROW_BYTES = 2 + 12 + 12 + 8 + 4 + 32;

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    public CopyRows(int rows) {
        bytes = new ByteArrayOutputStream(SIGNATURE.length + 8 + rows * ROW_BYTES + 2);
        out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void card(long partnerId, long batchId, int serialNo, byte[] codeHash) {
        try {
            out.writeShort(4);
            out.writeInt(8);
            out.writeLong(partnerId);
            out.writeInt(8);
            out.writeLong(batchId);
            out.writeInt(4);
            out.writeInt(serialNo);
            out.writeInt(codeHash.length);
            out.write(codeHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows with the format's trailer. */
    public byte[] end() {
        try {
            out.writeShort(-1);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
