package org.carbonmrv.devstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A test profile whose service keeps raw files in a bucket of the test JVM's S3-protocol server. */
public class RawFilesInS3 implements QuarkusTestProfile {

    public static final String BUCKET = "carbon-mrv-raw";

    /** The test JVM's server, with the bucket. */
    public static S3ProxyServer server() {
        return S3ProxyServer.shared(BUCKET);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return new HashMap<>(server().serviceProperties(BUCKET));
    }
}
