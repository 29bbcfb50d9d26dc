package org.carbonmrv.mrv.version;

import java.time.LocalDate;

/** A version that stopped being current or pending, and the version that took its place. */
public record Supersession(String plant, LocalDate day, int version, int by) {
}
