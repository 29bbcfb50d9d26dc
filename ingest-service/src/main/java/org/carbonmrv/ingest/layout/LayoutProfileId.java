package org.carbonmrv.ingest.layout;

import java.io.Serializable;
import java.util.Objects;

/** Composite key of {@link LayoutProfile}. */
public class LayoutProfileId implements Serializable {

    public String id;
    public int version;

    @Override
    public boolean equals(Object o) {
        return o instanceof LayoutProfileId other && other.version == version && Objects.equals(other.id, id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }
}
