package org.carbonmrv.ingest.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.carbonmrv.common.http.ChunkedBody;
import org.carbonmrv.ingest.records.SensorReading;

/**
 * A page of sensor readings as JSON, written reading by reading while the rows are read: the same bytes as the
 * application's object mapper writes for a {@code Page<SensorReadingView>} (the schema the OpenAPI document gives),
 * without a list of views in between and without per-field reflection, which together cost more than the query
 * for a plant-day of thousands of readings. Strings and doubles go through the mapper's own generator (its escaping,
 * its shortest-double writer).
 */
final class SensorReadingsJson implements Consumer<SensorReading> {

    private static final SerializedString ITEMS = name("items");
    private static final SerializedString PAGE = name("page");
    private static final SerializedString SIZE = name("size");
    private static final SerializedString TOTAL = name("total");
    private static final SerializedString RECORD_ID = name("record_id");
    private static final SerializedString UPLOAD_ID = name("upload_id");
    private static final SerializedString ROW_NUM = name("row_num");
    private static final SerializedString PLANT = name("plant");
    private static final SerializedString SENSOR_ID = name("sensor_id");
    private static final SerializedString POINT = name("point");
    private static final SerializedString TS = name("ts");
    private static final SerializedString VALUE = name("value");
    private static final SerializedString RAW_VALUE = name("raw_value");
    private static final SerializedString UNIT = name("unit");

    private final ChunkedBody out = new ChunkedBody();
    private final JsonGenerator g;
    private final OffsetTimeText times;

    private SensorReadingsJson(ObjectMapper json, ZoneId zone) throws IOException {
        this.g = json.createGenerator(out);
        this.times = new OffsetTimeText(zone);
    }

    /**
     * The page's JSON: {@code read} hands the readings to the writer in order and returns the listing's total;
     * nothing is answered before the last row is read, so a failing query still gets its problem answer.
     */
    static ChunkedBody page(ObjectMapper json, ZoneId zone, int page, int size,
            ToLongFunction<Consumer<SensorReading>> read) {
        try {
            SensorReadingsJson w = new SensorReadingsJson(json, zone);
            w.g.writeStartObject();
            w.g.writeFieldName(ITEMS);
            w.g.writeStartArray();
            long total = read.applyAsLong(w);
            w.g.writeEndArray();
            w.g.writeFieldName(PAGE);
            w.g.writeNumber(page);
            w.g.writeFieldName(SIZE);
            w.g.writeNumber(size);
            w.g.writeFieldName(TOTAL);
            w.g.writeNumber(total);
            w.g.writeEndObject();
            w.g.close();
            return w.out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(SensorReading r) {
        try {
            g.writeStartObject();
            g.writeFieldName(RECORD_ID);
            g.writeNumber(r.recordId());
            g.writeFieldName(UPLOAD_ID);
            g.writeNumber(r.uploadId());
            g.writeFieldName(ROW_NUM);
            g.writeNumber(r.rowNum());
            text(PLANT, r.plant());
            text(SENSOR_ID, r.sensorId());
            text(POINT, r.point());
            text(TS, r.ts() == null ? null : times.format(r.ts()));
            g.writeFieldName(VALUE);
            if (r.value() == null) {
                g.writeNull();
            } else {
                g.writeNumber(r.value());
            }
            text(RAW_VALUE, r.rawValue());
            text(UNIT, r.unit());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void text(SerializedString field, String value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static SerializedString name(String field) {
        return new SerializedString(field);
    }
}
