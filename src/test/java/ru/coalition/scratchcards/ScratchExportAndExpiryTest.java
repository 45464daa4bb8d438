package ru.coalition.scratchcards;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.coalition.scratchcards.ScratchCardsApiTest.BATCHES;
import static ru.coalition.scratchcards.ScratchCardsApiTest.admin;

/** The print export decodes back to the codes; a batch past its last day takes no code (issue 10 §2, §4 figures). */
@QuarkusTest
class ScratchExportAndExpiryTest {

    @Inject
    ScratchGenerator generator;

    @Inject
    CoalitionConfig config;

    @Test
    void thePdfSheetsCarryEachCardsCodeInItsQr() throws Exception {
        String id = ScratchCardsApiTest.readyBatch(12, 50, LocalDate.now().plusMonths(6));
        List<String> codes = ScratchCardsApiTest.codes(id);
        byte[] pdf = given().auth().oauth2(admin("smol-neft")).get(BATCHES + "/" + id + "/cards.pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "12 cards, 10 a sheet");
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            Result[] found = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels))), Map.of(DecodeHintType.TRY_HARDER, true));
            String prefix = config.publicUrl() + "/cabinet/code?c=";
            Set<String> read = Arrays.stream(found).map(Result::getText).collect(Collectors.toSet());
            Set<String> expected = codes.subList(0, 10).stream().map(c -> prefix + ScratchCode.normalise(c)).collect(Collectors.toSet());
            assertEquals(expected, read);

            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("АЗС «Смол-Нефть»"), text);
            assertTrue(text.contains("50 баллов"), text);
            assertTrue(text.contains(codes.get(0)), text);
        }
    }

    @Test
    void aBatchPastItsLastDayTakesNoCodeAndExpires() {
        MovableClock clock = MovableClock.installAt(OffsetDateTime.now().toString());
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        String id = ScratchCardsApiTest.readyBatch(3, 20, today);
        List<String> codes = ScratchCardsApiTest.codes(id);
        ScratchCardsApiTest.activate(id);
        String token = TestMembers.register().token();
        ScratchCardsApiTest.enter(token, codes.get(0)).statusCode(201);
        // the next day in Smolensk the batch's cards are dead, even before the job has marked the batch
        clock.set(today.plusDays(1).atStartOfDay(ZoneId.of("Europe/Moscow")).plusMinutes(1).toOffsetDateTime().toString());
        ScratchCardsApiTest.enter(token, codes.get(1)).statusCode(422).body("code", equalTo("scratch.code-invalid"));
        // the member who entered a card before still hears it was theirs
        ScratchCardsApiTest.enter(token, codes.get(0)).statusCode(422).body("code", equalTo("scratch.code-redeemed"));
        generator.expireDue();
        assertEquals("EXPIRED", ScratchCardsApiTest.batch(id).get("status"));
        clock.move(Duration.ofDays(-1));
    }
}
