package org.carbonmrv.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Malformed inputs made from the sample corpus, written to a temp directory with a chosen name. */
public final class BadFiles {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("mrv-bad-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BadFiles() {
    }

    public static Path write(String name, byte[] bytes) {
        try {
            Path dir = Files.createTempDirectory(DIR, "f");
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path text(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(Samples.file(relative).toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sampleText(String relative) {
        return new String(sample(relative), StandardCharsets.UTF_8);
    }

    /** The first {@code lines} lines of a sample text file (header included), LF-terminated. */
    public static String head(String relative, int lines) {
        String[] all = sampleText(relative).split("\n", -1);
        return String.join("\n", Arrays.copyOf(all, lines)) + "\n";
    }

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A sample workbook edited with POI (sheet renamed, header changed…). */
    public static byte[] editWorkbook(String relative, Consumer<Sheet> edit) {
        try (InputStream in = Files.newInputStream(Samples.file(relative).toPath());
                Workbook wb = new XSSFWorkbook(in); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(wb.getSheetAt(0));
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] renameSheet(String relative, String name) {
        try (InputStream in = Files.newInputStream(Samples.file(relative).toPath());
                Workbook wb = new XSSFWorkbook(in); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.setSheetName(0, name);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid-looking .xlsx whose sheet XML carries {@code padding} bytes of blanks: tiny compressed, huge
     * inflated (a zip bomb).
     */
    public static byte[] zipBomb(String relative, int padding) {
        try (ZipFile zip = new ZipFile(Samples.file(relative)); ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] content = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < padding / blanks.length; i++) {
                        out.write(blanks);
                    }
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
