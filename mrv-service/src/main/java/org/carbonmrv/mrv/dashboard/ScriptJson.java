package org.carbonmrv.mrv.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON safe inside an HTML script element: every {@code <} is written as {@code \u003c}, so no text in it can close
 * the element (JSON has {@code <} only inside strings, where the escape means the same character). Escaped as it is
 * written, so that a value embedded raw (already written so) is not scanned again.
 */
final class ScriptJson {

    private static final class LessThanEscaped extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        LessThanEscaped() {
            ascii['<'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private final ObjectWriter writer;

    ScriptJson(ObjectMapper json) {
        this.writer = json.writer().with(new LessThanEscaped());
    }

    String write(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
